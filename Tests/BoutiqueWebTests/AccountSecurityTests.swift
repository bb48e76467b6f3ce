import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Account security")
struct AccountSecurityTests {
    /// A pending employee of `slug`, created directly.
    static func pendingUser(_ slug: String, _ database: BoutiqueDatabase) async throws -> UUID {
        let tenant = try #require(try await BoutiqueShopTestData.tenant(slug, database))
        let user = User(tenantID: tenant.id, role: .employee, status: .pending, email: "attente@\(slug).test",
                        passwordHash: PasswordHasher(cost: 4).hash("une phrase de passe solide"),
                        civility: "M.", firstName: "En", lastName: "Attente", phone: "0600000000")
        try await user.create(on: database.db)
        return try user.requireID()
    }

    @Test("a manager of another CSE gets 404 and changes nothing", arguments: TestEngine.available)
    func crossTenant(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let id = try await Self.pendingUser("alpha", database)
            let intruder = TestBrowser(client)
            _ = try await intruder.logIn("gestion.beta@demo.test")
            // act
            let approve = try await intruder.post("/gestion/comptes/\(id)/valider", [:])
            let reject = try await intruder.post("/gestion/comptes/\(id)/refuser", ["reason": "non"])
            let list = try await intruder.get("/gestion/comptes")
            // check
            #expect(approve.status == .notFound && reject.status == .notFound)
            #expect(!list.text.contains("attente@alpha.test"))
            #expect(try await User.find(id, on: database.db)?.status == .pending)
        }
    }

    @Test("employees get 403 on manager pages, visitors are sent to the login page", arguments: [TestEngine.sqlite])
    func roles(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            let id = try await Self.pendingUser("alpha", database)
            let employee = TestBrowser(client), visitor = TestBrowser(client)
            _ = try await employee.logIn("marie.dupont@demo.test")
            #expect(try await employee.get("/gestion/comptes").status == .forbidden)
            #expect(try await employee.post("/gestion/comptes/\(id)/valider", [:]).status == .forbidden)
            #expect(try await visitor.get("/gestion/comptes").headers[.location] == "/connexion")
            #expect(try await visitor.get("/compte/coordonnees").headers[.location] == "/connexion?retour=/compte/coordonnees")
            #expect(try await visitor.post("/gestion/comptes/\(id)/valider", [:]).headers[.location] == "/connexion")
            #expect(try await User.find(id, on: database.db)?.status == .pending)
        }
    }

    @Test("a missing or wrong CSRF token is refused with 403 and nothing changes", arguments: TestEngine.available)
    func csrf(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let id = try await Self.pendingUser("alpha", database)
            let manager = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            // act
            let missing = try await manager.post("/gestion/comptes/\(id)/valider", [:], csrf: "")
            let wrong = try await manager.post("/gestion/comptes/\(id)/valider", [:], csrf: SecureToken.generate())
            let register = try await TestBrowser(client).post("/compte/creer", ["email": "x@y.test"], csrf: "")
            // check
            #expect(missing.status == .forbidden && wrong.status == .forbidden && register.status == .forbidden)
            #expect(missing.text.contains("rechargez la page"))
            #expect(try await User.find(id, on: database.db)?.status == .pending)
            #expect(try await User.query(on: database.db).filter(\.$email == "x@y.test").count() == 0)
        }
    }

    @Test("the 6th wrong password in a minute is throttled, even when the 6th is right", arguments: TestEngine.available)
    func throttling(engine: TestEngine) async throws {
        try await withShop(engine) { client, _ in
            let browser = TestBrowser(client)
            for _ in 1...5 {
                let wrong = try await browser.logIn("marie.dupont@demo.test", password: "mauvais mot de passe")
                #expect(wrong.status == .unprocessableContent)
                #expect(wrong.text.contains("Adresse e-mail ou mot de passe incorrect."))
            }
            let sixth = try await browser.logIn("marie.dupont@demo.test")
            #expect(sixth.status == .tooManyRequests)
            #expect(sixth.text.contains("Trop de tentatives de connexion"))
            // another account is not affected
            #expect(try await browser.logIn("paul.martin@demo.test").status == .seeOther)
        }
    }

    @Test("an unknown e-mail and a wrong password get the same answer", arguments: [TestEngine.sqlite])
    func noEnumeration(engine: TestEngine) async throws {
        try await withShop(engine) { client, _ in
            let browser = TestBrowser(client)
            let unknown = try await browser.logIn("inconnu@nulle.part", password: "peu importe ici")
            let wrong = try await browser.logIn("paul.martin@demo.test", password: "peu importe ici")
            #expect(unknown.status == wrong.status)
            #expect(unknown.text.contains("Adresse e-mail ou mot de passe incorrect."))
            #expect(wrong.text.contains("Adresse e-mail ou mot de passe incorrect."))
        }
    }

    @Test("the session cookie is HttpOnly and SameSite, and changes at login", arguments: [TestEngine.sqlite])
    func sessionCookie(engine: TestEngine) async throws {
        try await withShop(engine) { client, _ in
            let browser = TestBrowser(client)
            let first = try await browser.logIn("marie.dupont@demo.test")
            let cookie = try #require(first.headers[values: .setCookie].first { $0.hasPrefix("boutique_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"))
            let before = browser.session
            _ = try await browser.logIn("marie.dupont@demo.test")
            #expect(browser.session != before)
        }
    }

    @Test("bad registration input re-renders the form in French with the input kept (never the password) and stores nothing",
          arguments: [
            ("email", "pas-une-adresse", "Saisissez une adresse e-mail valide"),
            ("password", "court", "au moins 12 caractères"),
            ("passwordConfirmation", "autre phrase de passe", "Les deux mots de passe ne sont pas identiques."),
            ("tenant", "00000000-0000-0000-0000-000000000000", "Indiquez l&#39;identifiant de votre CSE"),
            ("tenant", "pas-un-identifiant", "Indiquez l&#39;identifiant de votre CSE"),
            ("firstName", String(repeating: "é", count: 81), "ne peut pas dépasser 80 caractères"),
            ("lastName", "Dupont\u{202E}tnemelC", "contient des caractères non autorisés"),
            ("firstName", "   ", "Le champ « Prénom » est obligatoire."),
            ("phone", "appelle-moi", "Saisissez un numéro de téléphone valide"),
            ("civility", "Dr", "Choisissez votre civilité."),
            ("identificationKey", "", "Saisissez la clé d&#39;identification"),
          ])
    func badInput(field: String, value: String, message: String) async throws {
        try await withShop(.sqlite) { client, database in
            // setup
            let browser = TestBrowser(client)
            let alpha = try await AccountFlowTests.tenantID("alpha", database)
            var form = AccountFlowTests.registration(email: "nouvelle@alpha.test", tenant: alpha)
            form[field] = value
            let before = try await User.query(on: database.db).count()
            // act
            let response = try await browser.post("/compte/creer", form)
            // check
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains(message), "\(field)")
            #expect(!response.text.contains("une phrase de passe solide"))
            if field != "lastName" { #expect(response.text.contains("Martin-Élégant")) }
            #expect(try await User.query(on: database.db).count() == before)
            #expect(try await JobQueue(database: database).counts().isEmpty)
        }
    }

    @Test("a body that is not a form is a 400, not a server error", arguments: [TestEngine.sqlite])
    func garbage(engine: TestEngine) async throws {
        try await withShop(engine) { client, _ in
            let browser = TestBrowser(client)
            try await browser.get("/connexion")
            let token = try #require(browser.csrf)
            var headers = HTTPFields()
            headers[.contentType] = "application/x-www-form-urlencoded"
            headers[.cookie] = "boutique_csrf=\(token)"
            let response = try await client.execute(uri: "/connexion", method: .post, headers: headers,
                                                    body: ByteBuffer(string: "_csrf=\(token)&email[=%ZZ&password=%"))
            #expect(response.status.code < 500)
        }
    }
}
