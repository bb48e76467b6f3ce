import BoutiqueCore
import BoutiqueMail
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import BoutiqueWeb
import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Prometheus
import Testing

@Suite("Staff accounts: operators and CSE managers outside the demo")
struct StaffAccountsTests {
    static let newManager = ["email": "Claire.Gestion@Gamma.test", "firstName": "Claire", "lastName": "Gestion"]
    static let password = "une phrase de passe de gestion"

    /// Follows the password link of `message` in `browser` and chooses `password`.
    static func choosePassword(_ browser: TestBrowser, link: String) async throws -> (form: TestResponse, saved: TestResponse) {
        let form = try await browser.get(link)
        let token = String(try #require(link.split(separator: "=").last))
        let saved = try await browser.post("/mot-de-passe/nouveau", ["token": token, "password": password, "passwordConfirmation": password])
        return (form, saved)
    }

    @Test("the operator gives a new CSE a manager: « Votre accès gestionnaire », a password of their own, the manager's console; removing the access ends it",
          arguments: TestEngine.available)
    func addAndRemove(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let operatorBrowser = TestBrowser(client), manager = TestBrowser(client)
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            _ = try await operatorBrowser.post("/admin/cse", ["name": "CSE Gamma", "slug": "gamma", "contactEmail": "cse@gamma.test"])
            let gamma = try await AccountFlowTests.tenantID("gamma", database)
            let mail = TestMail(database: database)
            // act
            let added = try await operatorBrowser.post("/admin/cse/\(gamma)/gestionnaires", Self.newManager)
            let page = try await operatorBrowser.get("/admin/cse/\(gamma)?ok=gestionnaire")
            let message = try #require(try await mail.last(to: "claire.gestion@gamma.test"))
            let link = try #require(TestMail.link(in: message, path: "/mot-de-passe/nouveau"))
            let (form, saved) = try await Self.choosePassword(manager, link: link)
            let reused = try await manager.get(link)
            let login = try await manager.logIn("claire.gestion@gamma.test", password: Self.password)
            let console = try await manager.get("/gestion/comptes")
            let managerID = try #require(try await User.query(on: database.db).filter(\.$email == "claire.gestion@gamma.test").first()?.requireID())
            let removed = try await operatorBrowser.post("/admin/cse/\(gamma)/gestionnaires/\(managerID)/retirer", [:])
            let afterRemoval = try await manager.get("/gestion/comptes")
            let loginAgain = try await TestBrowser(client).logIn("claire.gestion@gamma.test", password: Self.password)
            let pageAfter = try await operatorBrowser.get("/admin/cse/\(gamma)")
            // check
            #expect(added.status == .seeOther && added.headers[.location] == "/admin/cse/\(gamma)?ok=gestionnaire")
            #expect(page.text.contains("Gestionnaires") && page.text.contains("Claire Gestion") && page.text.contains("claire.gestion@gamma.test"))
            #expect(page.text.contains("il reçoit par e-mail le lien pour choisir son mot de passe"))
            #expect(message.subject == "Votre accès gestionnaire")
            #expect(message.text.contains("« CSE Gamma »") && message.text.contains("valable une heure"))
            #expect(message.html?.contains("Choisir mon mot de passe") == true)
            #expect(form.status == .ok && saved.status == .ok && saved.text.contains("Votre mot de passe a été modifié"))
            #expect(reused.status == .notFound)
            #expect(login.headers[.location] == "/gestion/comptes")
            #expect(console.status == .ok && console.text.contains("CSE Gamma"))
            #expect(removed.headers[.location] == "/admin/cse/\(gamma)?ok=retire")
            #expect(afterRemoval.headers[.location] == "/connexion")
            #expect(loginAgain.text.contains("Votre compte est désactivé"))
            #expect(pageAfter.text.contains("Accès retiré") && !pageAfter.text.contains("/gestionnaires/\(managerID)/retirer"))
            let actions = try await AuditEntry.query(on: database.db).filter(\.$tenantID == gamma).all().map { AuditAction.label(of: $0.action) }
            #expect(actions.contains("Gestionnaire ajouté") && actions.contains("Accès gestionnaire retiré"))
        }
    }

    @Test("a taken or wrong address re-renders the section with French messages and changes nothing; other CSEs' managers and employees are out of reach",
          arguments: TestEngine.available)
    func badInput(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let operatorBrowser = TestBrowser(client)
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            let alpha = try await AccountFlowTests.tenantID("alpha", database)
            let betaManager = try #require(try await User.query(on: database.db).filter(\.$email == "gestion.beta@demo.test").first()?.requireID())
            let marie = try #require(try await User.query(on: database.db).filter(\.$email == "marie.dupont@demo.test").first()?.requireID())
            let users = try await User.query(on: database.db).count()
            let jobs = try await JobQueue(database: database).list(states: [.pending]).count
            // act
            let taken = try await operatorBrowser.post("/admin/cse/\(alpha)/gestionnaires",
                                                       ["email": "MARIE.DUPONT@demo.test", "firstName": "Marie", "lastName": "Bis"])
            let wrong = try await operatorBrowser.post("/admin/cse/\(alpha)/gestionnaires", ["email": "pas-une-adresse", "firstName": "", "lastName": "X"])
            let noToken = try await operatorBrowser.post("/admin/cse/\(alpha)/gestionnaires", Self.newManager, csrf: "")
            let unknownCSE = try await operatorBrowser.post("/admin/cse/\(UUID())/gestionnaires", Self.newManager)
            let otherCSE = try await operatorBrowser.post("/admin/cse/\(alpha)/gestionnaires/\(betaManager)/retirer", [:])
            let employee = try await operatorBrowser.post("/admin/cse/\(alpha)/gestionnaires/\(marie)/retirer", [:])
            // check
            #expect(taken.status == .unprocessableContent && taken.text.contains("Un compte existe déjà avec cette adresse e-mail."))
            #expect(taken.text.contains("value=\"MARIE.DUPONT@demo.test\"") && taken.text.contains("Aucun gestionnaire n'a été ajouté"))
            #expect(wrong.status == .unprocessableContent && wrong.text.contains("Saisissez une adresse e-mail valide"))
            #expect(wrong.text.contains("Le champ « Prénom » est obligatoire."))
            #expect(noToken.status == .forbidden)
            #expect(unknownCSE.status == .notFound && otherCSE.status == .notFound && employee.status == .notFound)
            #expect(try await User.query(on: database.db).count() == users)
            #expect(try await JobQueue(database: database).list(states: [.pending]).count == jobs)
            #expect(try await User.find(betaManager, on: database.db)?.status == .active)
            #expect(try await User.find(marie, on: database.db)?.status == .active)
            #expect(try await AuditEntry.query(on: database.db).filter(\.$action !~ [AuditAction.login.rawValue, AuditAction.loginFailed.rawValue]).count() == 0)
            if HTMLValidityTests.tidyAvailable || ProcessInfo.processInfo.environment["CI"] == "true" {
                #expect(try await HTMLValidityTests.tidyErrors(wrong.text) == "")
                #expect(HTMLValidityTests.unlabelledFields(wrong.text).isEmpty)
            }
        }
    }

    @Test("without the demo data, an operator created as `boutique staff create` does it chooses a password and opens /admin",
          arguments: TestEngine.available)
    func firstOperator(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup: no demo data, no account at all
            var configuration = WebConfiguration.test
            configuration.isDemo = false
            let router = try await buildRouter(configuration: configuration, shop: try await ShopServices(database: database, settings: configuration.shop),
                                               registry: PrometheusCollectorRegistry())
            var logger = Logger(label: "boutique.test")
            logger.logLevel = .warning
            let accounts = Accounts(database: database, hasher: PasswordHasher(cost: 4),
                                    composer: try await MailComposer(settings: MailSettings()), publicURL: "http://127.0.0.1:8080")
            let staff = StaffAccounts(accounts: accounts)
            try await Application(router: router, logger: logger).test(.router) { client in
                // act
                let invitation = try await staff.create(actor: .commandLine, role: .operator, tenantID: nil,
                                                        form: .init(email: "Olga@Exemple.fr", firstName: "Olga", lastName: "Durand"))
                let again = await #expect(throws: FormErrors.self) {
                    try await staff.create(actor: .commandLine, role: .operator, tenantID: nil, form: .init(email: "olga@exemple.fr", firstName: "O", lastName: "D"))
                }
                let browser = TestBrowser(client)
                let before = try await browser.logIn("olga@exemple.fr", password: "")
                let link = String(invitation.link.dropFirst("http://127.0.0.1:8080".count))
                let (_, saved) = try await Self.choosePassword(browser, link: link)
                let login = try await browser.logIn("olga@exemple.fr", password: Self.password)
                let console = try await browser.get("/admin")
                // check
                #expect(again?["email"] == "Un compte existe déjà avec cette adresse e-mail.")
                #expect(before.status == .unprocessableContent)
                #expect(invitation.expiresAt.timeIntervalSinceNow > 3_500 && invitation.expiresAt.timeIntervalSinceNow <= 3_600)
                #expect(saved.status == .ok)
                #expect(login.status == .seeOther)
                #expect(console.status == .ok && console.text.contains("Tableau de bord"))
                #expect(try await User.query(on: database.db).count() == 1)
            }
        }
    }
}
