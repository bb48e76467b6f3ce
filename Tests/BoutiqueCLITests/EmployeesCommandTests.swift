import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import Logging
import Testing

@Suite("boutique employees import")
struct EmployeesCommandTests {
    static func environment(_ folder: TemporaryFolder) -> [String: String] {
        ["BOUTIQUE_DATA_DIR": folder.path, "BOUTIQUE_BCRYPT_COST": "4", "BOUTIQUE_LOG_LEVEL": "error",
         "BOUTIQUE_CARD_KEY": Data(repeating: 3, count: 32).base64EncodedString()]
    }

    /// A demo database the `boutique` process can open too: a SQLite file in a temporary folder,
    /// or a fresh PostgreSQL database; `body` gets it with the environment naming it.
    static func withCommandDatabase(_ engine: TestEngine,
                                    _ body: @escaping @Sendable (BoutiqueDatabase, [String: String]) async throws -> Void) async throws {
        let folder = try TemporaryFolder()
        let environment = Self.environment(folder)
        switch engine {
        case .sqlite:
            var logger = Logger(label: "test")
            logger.logLevel = .warning
            let database = try await BoutiqueDatabase.open(.sqliteFile(path: folder.path + "/boutique.sqlite"), logger: logger)
            do {
                try await database.migrate()
                try await DemoData.seedIfEmpty(database, hasher: PasswordHasher(cost: 4))
                try await body(database, environment)
                await database.close()
            } catch {
                await database.close()
                throw error
            }
        case .postgres:
            try await engine.withDatabase { database in
                guard case .postgres(let url) = database.location else { return }
                try await DemoData.seedIfEmpty(database, hasher: PasswordHasher(cost: 4))
                try await body(database, environment.merging(["BOUTIQUE_DATABASE_URL": url]) { $1 })
            }
        }
    }

    /// An employee of CSE Alpha who registered and waits for the manager's approval.
    static func pending(_ email: String, _ database: BoutiqueDatabase) async throws -> User {
        let alpha = try #require(try await Tenant.query(on: database.db).filter(\.$slug == "alpha").first())
        let user = User(tenantID: alpha.id, role: .employee, status: .pending, email: email, passwordHash: "x",
                        civility: "Mme", firstName: "Claire", lastName: "Attente")
        try await user.create(on: database.db)
        return user
    }

    @Test("the import approves the waiting accounts it lists and e-mails them; a file with a bad row changes nothing in the database",
          arguments: TestEngine.available)
    func approvesWaitingAccounts(engine: TestEngine) async throws {
        try await Self.withCommandDatabase(engine) { database, environment in
            // setup
            let listed = try await Self.pending("claire.attente@alpha.test", database)
            let unlisted = try await Self.pending("non.listee@alpha.test", database)
            let blocked = try await Self.pending("bloquee@alpha.test", database)
            let folder = try TemporaryFolder()
            try "e-mail;nom;prénom\nclaire.attente@alpha.test;Attente;Claire\nnouveau@alpha.test;Nouveau;Jean\n"
                .write(toFile: folder.path + "/good.csv", atomically: true, encoding: .utf8)
            try "e-mail;nom;prénom\nbloquee@alpha.test;Bloquée;Anne\nautre@alpha.test;Autre;Luc\npas-une-adresse;X;Y\n"
                .write(toFile: folder.path + "/bad.csv", atomically: true, encoding: .utf8)
            // act
            let imported = try BoutiqueProcess.start(["employees", "import", "--tenant", "alpha", folder.path + "/good.csv"], environment: environment)
            let importedStatus = try await imported.wait(timeout: 120)
            let expectedAfterGood = try await ExpectedEmployee.query(on: database.db).all(\.$email)
            let refused = try BoutiqueProcess.start(["employees", "import", "--tenant", "alpha", folder.path + "/bad.csv"], environment: environment)
            let refusedStatus = try await refused.wait(timeout: 60)
            let mailbox = Mailbox(database: database)
            try await JobWorker(queue: JobQueue(database: database), registry: ShopJobs.registry(database: database, mail: mailbox),
                                logger: Logger(label: "test")).drain()
            // check
            #expect(importedStatus == 0, "\(imported.standardError)")
            #expect(imported.standardOutput.contains("Lignes : 2, ajoutées : 2, mises à jour : 0, refusées : 0, comptes validés : 1"))
            #expect(try await User.find(listed.id, on: database.db)?.status == .active)
            #expect(try await User.find(unlisted.id, on: database.db)?.status == .pending)
            #expect(try await mailbox.list().contains { $0.message.to.contains { $0.email == "claire.attente@alpha.test" }
                && $0.message.subject == "Votre compte est validé" })
            let audit = try await AuditEntry.query(on: database.db).filter(\.$action == AuditAction.employeesImported.rawValue).all()
            #expect(audit.count == 1 && audit.first?.actorEmail == "ligne de commande" && audit.first?.details.contains("1 compte(s) validé(s)") == true)
            #expect(refusedStatus == 1 && refused.standardOutput.contains("ligne 4 : adresse e-mail invalide"))
            #expect(try await ExpectedEmployee.query(on: database.db).all(\.$email).sorted() == expectedAfterGood.sorted())
            #expect(expectedAfterGood.count == 2)
            #expect(try await User.find(blocked.id, on: database.db)?.status == .pending)
            #expect(!(try await mailbox.list().contains { $0.message.to.contains { $0.email == "bloquee@alpha.test" } }))
        }
    }

    @Test("10,000 rows import in seconds with a progress display; a file with a bad row imports nothing and exits 1")
    func importWithProgress() async throws {
        // setup
        let folder = try TemporaryFolder()
        let environment = Self.environment(folder)
        let seed = try BoutiqueProcess.start(["demo-seed"], environment: environment)
        #expect(try await seed.wait(timeout: 120) == 0)
        var good = "e-mail;nom;prénom\n"
        for index in 0..<10_000 { good += "personne\(index)@alpha.test;Nom\(index);Prénom\(index)\n" }
        try good.write(toFile: folder.path + "/good.csv", atomically: true, encoding: .utf8)
        try "email;nom;prenom\nun@alpha.test;Un;Une\nmauvaise-adresse;Deux;Deuz\n".write(toFile: folder.path + "/bad.csv", atomically: true, encoding: .utf8)
        // act
        let imported = try BoutiqueProcess.start(["employees", "import", "--tenant", "alpha", folder.path + "/good.csv"], environment: environment)
        let importedStatus = try await imported.wait(timeout: 120)
        let refused = try BoutiqueProcess.start(["employees", "import", "--tenant", "alpha", folder.path + "/bad.csv"], environment: environment)
        let refusedStatus = try await refused.wait(timeout: 60)
        let unknown = try BoutiqueProcess.start(["employees", "import", "--tenant", "inconnu", folder.path + "/good.csv"], environment: environment)
        let unknownStatus = try await unknown.wait(timeout: 60)
        // check
        #expect(importedStatus == 0, "\(imported.standardError)")
        #expect(imported.standardError.contains("Import : 500/10000 (5 %)") && imported.standardError.contains("Import : 10000/10000 (100 %)"))
        #expect(imported.standardOutput.contains("Lignes : 10000, ajoutées : 10000, mises à jour : 0, refusées : 0"))
        #expect(refusedStatus == 1)
        #expect(refused.standardOutput.contains("ligne 3 : adresse e-mail invalide : « mauvaise-adresse »"))
        #expect(refused.standardOutput.contains("Rien n'a été importé"))
        #expect(!refused.standardError.contains("Import :"))
        #expect(unknownStatus == 1 && unknown.standardError.contains("CSE inconnu : inconnu"))
    }
}
