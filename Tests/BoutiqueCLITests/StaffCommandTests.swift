import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import Testing

@Suite("boutique staff create", .serialized)
struct StaffCommandTests {
    @Test("outside the demo: an operator and a manager get a password link on the last line; a taken address or a missing CSE changes nothing",
          arguments: TestEngine.available)
    func create(engine: TestEngine) async throws {
        // setup: an empty database (no demo data) but one CSE, as the operator's console would have created it
        let folder = try TemporaryFolder()
        try await engine.withDatabase { test in
            let url: String
            switch test.location {
            case .postgres(let postgres): url = postgres
            default: url = "sqlite://\(folder.path)/staff.sqlite"
            }
            let environment = ["BOUTIQUE_DATABASE_URL": url, "BOUTIQUE_DATA_DIR": folder.path, "BOUTIQUE_DEMO": "0",
                               "BOUTIQUE_BCRYPT_COST": "4", "BOUTIQUE_LOG_LEVEL": "error", "BOUTIQUE_PUBLIC_URL": "https://boutique.example.fr"]
            let migrate = try BoutiqueProcess.start(["migrate"], environment: environment)
            #expect(try await migrate.wait(timeout: 120) == 0, "\(migrate.standardError)")
            let database = try await BoutiqueDatabase.open(try DatabaseLocation.parse(url), logger: .init(label: "test"))
            try await Tenant(slug: "gamma", name: "CSE Gamma", contactEmail: "cse@gamma.test").create(on: database.db)
            let person = ["--email", "Olga.Durand@Exemple.fr", "--first-name", "Olga", "--last-name", "Durand"]
            // act
            let created = try BoutiqueProcess.start(["staff", "create", "--role", "operator"] + person, environment: environment)
            let createdStatus = try await created.wait(timeout: 60)
            let duplicate = try BoutiqueProcess.start(["staff", "create", "--role", "operator"] + person, environment: environment)
            let duplicateStatus = try await duplicate.wait(timeout: 60)
            let noTenant = try BoutiqueProcess.start(["staff", "create", "--role", "manager", "--email", "g@gamma.test", "--first-name", "Gaël",
                                                      "--last-name", "Gestion"], environment: environment)
            let noTenantStatus = try await noTenant.wait(timeout: 60)
            let unknownTenant = try BoutiqueProcess.start(["staff", "create", "--role", "manager", "--tenant", "inconnu", "--email", "g@gamma.test",
                                                           "--first-name", "Gaël", "--last-name", "Gestion"], environment: environment)
            let unknownTenantStatus = try await unknownTenant.wait(timeout: 60)
            let manager = try BoutiqueProcess.start(["staff", "create", "--role", "manager", "--tenant", "gamma", "--email", "g@gamma.test",
                                                     "--first-name", "Gaël", "--last-name", "Gestion"], environment: environment)
            let managerStatus = try await manager.wait(timeout: 60)
            let link = created.standardOutput.split(separator: "\n").last.map(String.init) ?? ""
            let token = String(link.split(separator: "=").last ?? "")
            let accounts = Accounts(database: database, hasher: PasswordHasher(cost: 4),
                                    composer: try await MailComposer(settings: MailSettings()), publicURL: "https://boutique.example.fr")
            let before = try await accounts.login(email: "olga.durand@exemple.fr", password: "", from: "test")
            let chosen = try await accounts.resetPassword(token: token, password: "une phrase de passe solide",
                                                          confirmation: "une phrase de passe solide")
            let after = try await accounts.login(email: "olga.durand@exemple.fr", password: "une phrase de passe solide", from: "test")
            let users = try await User.query(on: database.db).sort(\.$email).all()
            let audit = try await AuditEntry.query(on: database.db).filter(\.$action !~ [AuditAction.login.rawValue, AuditAction.loginFailed.rawValue]).all()
            await database.close()
            // check
            #expect(createdStatus == 0, "\(created.standardError)")
            #expect(created.standardOutput.contains("Compte opérateur créé : Olga Durand <olga.durand@exemple.fr>."))
            #expect(created.standardOutput.contains("valable une heure (jusqu'au "))
            #expect(link.hasPrefix("https://boutique.example.fr/mot-de-passe/nouveau?jeton=") && token.count >= 40)
            #expect(duplicateStatus == 1 && duplicate.standardError.contains("Un compte existe déjà avec cette adresse e-mail."))
            #expect(duplicate.standardError.contains("Aucun compte n'a été créé") && duplicate.standardOutput.isEmpty)
            #expect(noTenantStatus != 0 && noTenant.standardError.contains("un gestionnaire appartient à un CSE : indiquez --tenant"))
            #expect(unknownTenantStatus == 1 && unknownTenant.standardError.contains("CSE inconnu : « inconnu »"))
            #expect(managerStatus == 0 && manager.standardOutput.contains("Compte gestionnaire créé : Gaël Gestion <g@gamma.test>."))
            if case .refused = before {} else { Issue.record("a staff account has no usable password before the link is followed") }
            #expect(chosen)
            if case .success(let user) = after { #expect(user.role == .operator && user.tenantID == nil) } else {
                Issue.record("the operator logs in with the chosen password")
            }
            #expect(users.map(\.email) == ["g@gamma.test", "olga.durand@exemple.fr"])
            #expect(users.allSatisfy { $0.status == .active && $0.verifiedAt != nil })
            #expect(users.first?.role == .manager && users.first?.$tenant.id != nil)
            // Choosing the first password through the link is logged like any password set by a link.
            #expect(Set(audit.map { AuditAction.label(of: $0.action) }) == ["Opérateur créé", "Gestionnaire ajouté",
                                                                            AuditAction.passwordReset.label])
        }
    }
}
