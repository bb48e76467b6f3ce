import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import BoutiqueWeb
import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The operator's staff page: every operator and manager, inviting an operator by e-mail,
/// disabling one (their session ends), resetting a lost second factor.
@Suite("Staff page")
struct StaffPageTests {
    @Test("the operator lists the staff, invites an operator who chooses a password and logs in, disables a manager and resets a second factor",
          arguments: TestEngine.available)
    func staffPage(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let operatorBrowser = TestBrowser(client), manager = TestBrowser(client), mail = TestMail(database: database)
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            _ = try await manager.logIn("gestion.alpha@demo.test")
            _ = try await StaffSecondFactorTests.setUp(manager, email: "gestion.alpha@demo.test", database: database)
            let managerID = try #require(try await User.query(on: database.db).filter(\.$email == "gestion.alpha@demo.test").first()?.requireID())
            let operatorID = try #require(try await User.query(on: database.db).filter(\.$email == "operateur@demo.test").first()?.requireID())
            // act: list, invite
            let list = try await operatorBrowser.get("/admin/equipe")
            let taken = try await operatorBrowser.post("/admin/equipe/operateurs",
                                                       ["email": "gestion.beta@demo.test", "firstName": "Léa", "lastName": "Roux"])
            let invited = try await operatorBrowser.post("/admin/equipe/operateurs",
                                                         ["email": "lea.roux@plateforme.test", "firstName": "Léa", "lastName": "Roux"])
            let invitation = try await mail.last(to: "lea.roux@plateforme.test")
            let link = try #require(TestMail.link(in: invitation, path: "/mot-de-passe/nouveau"))
            let lea = TestBrowser(client)
            let token = try #require(link.split(separator: "=").last.map(String.init))
            _ = try await lea.get(link)
            _ = try await lea.post("/mot-de-passe/nouveau", ["token": token, "password": "Une phrase de passe solide", "passwordConfirmation": "Une phrase de passe solide"])
            let leaLogin = try await lea.logIn("lea.roux@plateforme.test", password: "Une phrase de passe solide")
            // act: reset the manager's second factor, then disable them; one cannot disable oneself
            let reset = try await operatorBrowser.post("/admin/equipe/\(managerID)/double-authentification/reinitialiser", [:])
            let resetMail = try await mail.last(to: "gestion.alpha@demo.test")
            let afterReset = try await manager.get("/gestion/comptes")
            let disabled = try await operatorBrowser.post("/admin/equipe/\(managerID)/desactiver", [:])
            let managerLogin = try await TestBrowser(client).logIn("gestion.alpha@demo.test")
            let yourself = try await operatorBrowser.post("/admin/equipe/\(operatorID)/desactiver", [:])
            let unknown = try await operatorBrowser.get("/admin/equipe/\(UUID())")
            let memberPage = try await operatorBrowser.get("/admin/equipe/\(managerID)")
            // check
            #expect(list.status == .ok && list.text.contains("operateur@demo.test") && list.text.contains("gestion.alpha@demo.test"))
            #expect(list.text.contains("Gestionnaire — ") && list.text.contains("Activée") && list.text.contains("Jamais"))
            #expect(taken.status == .unprocessableContent)
            #expect(invited.headers[.location] == "/admin/equipe?ok=operateur")
            #expect(invitation?.subject == "Votre accès opérateur")
            #expect(leaLogin.status == .seeOther && leaLogin.headers[.location] == "/gestion/comptes")
            #expect(reset.headers[.location] == "/admin/equipe?ok=2fa")
            #expect(resetMail?.subject == "Double authentification réinitialisée par l'opérateur")
            #expect(afterReset.headers[.location] == "/connexion")
            #expect(try await User.query(on: database.db).filter(\.$id == managerID).first()?.totpSecret == nil)
            #expect(disabled.headers[.location] == "/admin/equipe?ok=desactive")
            #expect(managerLogin.status == .unprocessableContent)
            #expect(yourself.status == .unprocessableContent && yourself.text.contains("votre propre compte"))
            #expect(unknown.status == .notFound)
            #expect(memberPage.text.contains("Désactivé") && memberPage.text.contains("Réactiver le compte"))
            let actions = try await database.sql.raw("SELECT action FROM audit_log").all().map { try $0.decode(column: "action", as: String.self) }
            #expect(actions.contains("second-factor.reset") && actions.contains("staff.disabled") && actions.contains("operator.created"))
        }
    }

    @Test("the operator invites a manager from the staff page: the CSE chosen in a list, the e-mailed link opens the CSE's console, audited; a forged or incomplete form creates nobody",
          arguments: TestEngine.available)
    func inviteManager(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let operatorBrowser = TestBrowser(client), mail = TestMail(database: database)
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            let beta = try await AccountFlowTests.tenantID("beta", database)
            let fields = ["tenant": beta.uuidString, "email": "paul.martin@beta.test", "firstName": "Paul", "lastName": "Martin"]
            // act
            let list = try await operatorBrowser.get("/admin/equipe")
            let forged = try await operatorBrowser.post("/admin/equipe/gestionnaires", fields, csrf: "")
            let noTenant = try await operatorBrowser.post("/admin/equipe/gestionnaires", fields.merging(["tenant": ""]) { $1 })
            let unknownTenant = try await operatorBrowser.post("/admin/equipe/gestionnaires", fields.merging(["tenant": UUID().uuidString]) { $1 })
            let taken = try await operatorBrowser.post("/admin/equipe/gestionnaires", fields.merging(["email": "marie.dupont@demo.test"]) { $1 })
            let countBefore = try await User.query(on: database.db).filter(\.$email == "paul.martin@beta.test").count()
            let invited = try await operatorBrowser.post("/admin/equipe/gestionnaires", fields)
            let invitation = try await mail.last(to: "paul.martin@beta.test")
            let link = try #require(TestMail.link(in: invitation, path: "/mot-de-passe/nouveau"))
            let token = try #require(link.split(separator: "=").last.map(String.init))
            let paul = TestBrowser(client)
            _ = try await paul.get(link)
            _ = try await paul.post("/mot-de-passe/nouveau", ["token": token, "password": "Une phrase de passe solide",
                                                              "passwordConfirmation": "Une phrase de passe solide"])
            let paulLogin = try await paul.logIn("paul.martin@beta.test", password: "Une phrase de passe solide")
            let console = try await paul.get("/gestion/comptes")
            let after = try await operatorBrowser.get("/admin/equipe?ok=gestionnaire")
            // check
            #expect(list.text.contains("Inviter un gestionnaire") && list.text.contains(">CSE Bêta Logistique</option>"))
            #expect(forged.status == .forbidden)
            #expect(noTenant.status == .unprocessableContent && noTenant.text.contains("Choisissez le CSE dont la personne sera gestionnaire."))
            #expect(noTenant.text.contains("value=\"paul.martin@beta.test\""))
            #expect(unknownTenant.status == .unprocessableContent)
            #expect(taken.status == .unprocessableContent && taken.text.contains("<option value=\"\(beta.uuidString)\" selected>"))
            #expect(countBefore == 0)
            #expect(invited.status == .seeOther && invited.headers[.location] == "/admin/equipe?ok=gestionnaire")
            #expect(invitation?.subject == "Votre accès gestionnaire" && invitation?.text.contains("CSE Bêta Logistique") == true)
            let paulRow = try #require(try await User.query(on: database.db).filter(\.$email == "paul.martin@beta.test").first())
            #expect(paulRow.role == .manager && paulRow.$tenant.id == beta)
            #expect(paulLogin.status == .seeOther && paulLogin.headers[.location] != "/connexion/code")
            #expect(console.status == .ok)
            #expect(after.text.contains("Le gestionnaire est invité") && after.text.contains("paul.martin@beta.test")
                    && after.text.contains("Gestionnaire — CSE Bêta Logistique"))
            let entries = try await AuditEntry.query(on: database.db).filter(\.$action == AuditAction.managerAdded.rawValue).all()
            #expect(entries.count == 1 && entries.first?.target == "paul.martin@beta.test" && entries.first?.tenantID == beta
                    && entries.first?.actorEmail == "operateur@demo.test")
        }
    }

    @Test("a staff member's login is recorded and the staff page shows its date and time instead of « Jamais »", arguments: TestEngine.available)
    func lastLogin(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let operatorBrowser = TestBrowser(client)
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            let before = try await operatorBrowser.get("/admin/equipe")
            let start = Date()
            // act
            _ = try await TestBrowser(client).logIn("gestion.beta@demo.test")
            let after = try await operatorBrowser.get("/admin/equipe")
            // check
            let stored = try await database.sql.raw("SELECT last_login_at FROM users WHERE email = 'gestion.beta@demo.test'").first()?
                .decode(column: "last_login_at", as: Int64?.self)
            let seconds = try #require(stored)
            #expect(abs(TimeInterval(seconds) - start.timeIntervalSince1970) < 60)
            #expect(Self.lastLoginCell(of: "gestion.beta@demo.test", in: before.text) == "Jamais")
            #expect(Self.lastLoginCell(of: "gestion.beta@demo.test", in: after.text) == Self.parisDateTime(TimeInterval(seconds)))
        }
    }

    /// The « Dernière connexion » cell of a member's row on the staff page.
    static func lastLoginCell(of email: String, in html: String) -> String? {
        guard let row = html.components(separatedBy: "<tr>").first(where: { $0.contains(">\(email)</td>") }) else { return nil }
        let cells = row.matches(of: /<td[^>]*>([^<]*)<\/td>/).map { String($0.output.1) }
        // The last plain cell: the second factor's may be in <strong>, the action's is a link.
        return cells.last
    }

    /// `07/12/2026 23:59:30`, in Paris time, as the consoles print a moment.
    static func parisDateTime(_ seconds: TimeInterval) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Europe/Paris")
        formatter.dateFormat = "dd/MM/yyyy HH:mm:ss"
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }
}
