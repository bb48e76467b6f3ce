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

@Suite("Account journeys")
struct AccountFlowTests {
    static func registration(email: String, key: String = "0", tenant: UUID) -> [String: String] {
        ["civility": "Mme", "firstName": "Léa", "lastName": "Martin-Élégant", "email": email, "phone": "06 11 22 33 44",
         "password": "une phrase de passe solide", "passwordConfirmation": "une phrase de passe solide",
         "tenant": tenant.uuidString, "identificationKey": key]
    }

    static func tenantID(_ slug: String, _ database: BoutiqueDatabase) async throws -> UUID {
        try #require(try await BoutiqueShopTestData.tenant(slug, database)?.id)
    }

    @Test("register → verification link → pending → manager approves → e-mail → login → profile",
          arguments: TestEngine.available)
    func managerApproval(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let browser = TestBrowser(client), manager = TestBrowser(client), mail = TestMail(database: database)
            let alpha = try await Self.tenantID("alpha", database)
            // act: register with key 0
            let form = try await browser.get("/compte/creer")
            #expect(form.text.contains("Je mets un zéro (0) dans le champ « Clé d'identification »"))
            let registered = try await browser.post("/compte/creer", Self.registration(email: "lea@alpha.test", tenant: alpha))
            #expect(registered.status == .ok)
            #expect(registered.text.contains("La demande de création de votre compte a bien été prise en compte par notre système."))
            // unverified cannot log in
            #expect(try await browser.logIn("lea@alpha.test", password: "une phrase de passe solide").text
                .contains("n&#39;est pas encore validée"))
            // follow the link
            let verification = try await mail.last(to: "lea@alpha.test")
            #expect(verification?.subject == "Validez la création de votre compte")
            let link = try #require(TestMail.link(in: verification, path: "/compte/valider"))
            #expect(try await browser.get(link).text.contains("attend maintenant la validation de votre CSE"))
            #expect(try await browser.get(link).text.contains("plus valable"))
            #expect(try await browser.logIn("lea@alpha.test", password: "une phrase de passe solide").text
                .contains("attend la validation de votre CSE"))
            // the manager approves
            #expect(try await manager.logIn("gestion.alpha@demo.test").headers[.location] == "/gestion/comptes")
            let pending = try await manager.get("/gestion/comptes")
            #expect(pending.text.contains("lea@alpha.test"))
            let lea = try #require(try await User.query(on: database.db).filter(\.$email == "lea@alpha.test").first())
            let approved = try await manager.post("/gestion/comptes/\(try lea.requireID())/valider", [:])
            #expect(approved.status == .seeOther)
            #expect(try await mail.last(to: "lea@alpha.test")?.subject == "Votre compte est validé")
            // login and profile
            let login = try await browser.logIn("lea@alpha.test", password: "une phrase de passe solide")
            #expect(login.status == .seeOther && login.headers[.location] == "/cse/alpha")
            let profile = try await browser.get("/compte/coordonnees")
            #expect(profile.text.contains("Martin-Élégant") && profile.text.contains("CSE Alpha Industries"))
            let saved = try await browser.post("/compte/coordonnees", ["civility": "Mme", "firstName": "Léa", "lastName": "Martin",
                                                                       "phone": "+33 6 11 22 33 44"])
            #expect(saved.headers[.location] == "/compte/coordonnees?ok=coordonnees")
            #expect(try await browser.get("/compte/coordonnees?ok=coordonnees").text.contains("Vos coordonnées ont été enregistrées."))
            #expect(try await User.find(lea.id, on: database.db)?.lastName == "Martin")
        }
    }

    @Test("a valid auto-approving key makes the account active as soon as the e-mail is verified",
          arguments: TestEngine.available)
    func autoApproval(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let browser = TestBrowser(client), mail = TestMail(database: database)
            let alpha = try await Self.tenantID("alpha", database)
            // act
            try await browser.post("/compte/creer", Self.registration(email: "auto@alpha.test", key: " alpha-2026 ", tenant: alpha))
            let link = try #require(TestMail.link(in: try await mail.last(to: "auto@alpha.test"), path: "/compte/valider"))
            let verified = try await browser.get(link)
            // check
            #expect(verified.text.contains("votre compte est actif"))
            #expect(try await mail.last(to: "auto@alpha.test")?.subject == "Votre compte est validé")
            #expect(try await browser.logIn("auto@alpha.test", password: "une phrase de passe solide").status == .seeOther)
        }
    }

    @Test("a rejected account cannot log in and is told why", arguments: [TestEngine.sqlite])
    func rejection(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let browser = TestBrowser(client), manager = TestBrowser(client), mail = TestMail(database: database)
            try await browser.post("/compte/creer", Self.registration(email: "non@beta.test", key: "BETA-2026",
                                                                      tenant: try await Self.tenantID("beta", database)))
            try await browser.get(try #require(TestMail.link(in: try await mail.last(to: "non@beta.test"), path: "/compte/valider")))
            let user = try #require(try await User.query(on: database.db).filter(\.$email == "non@beta.test").first())
            _ = try await manager.logIn("gestion.beta@demo.test")
            // act: a reason is required
            let noReason = try await manager.post("/gestion/comptes/\(try user.requireID())/refuser", ["reason": "  "])
            let refused = try await manager.post("/gestion/comptes/\(try user.requireID())/refuser", ["reason": "Ne fait pas partie de l'entreprise"])
            // check
            #expect(noReason.status == .unprocessableContent && noReason.text.contains("Indiquez le motif du refus."))
            #expect(refused.status == .seeOther)
            #expect(try await mail.last(to: "non@beta.test")?.text.contains("Motif : Ne fait pas partie de l'entreprise") == true)
            let login = try await browser.logIn("non@beta.test", password: "une phrase de passe solide")
            #expect(login.text.contains("refusée par votre CSE"))
            #expect(login.text.contains("Ne fait pas partie de l&#39;entreprise"))
        }
    }

    @Test("password reset: the link works once, the old password stops working", arguments: [TestEngine.sqlite])
    func passwordReset(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let browser = TestBrowser(client), mail = TestMail(database: database)
            // act
            let unknown = try await browser.post("/mot-de-passe/oubli", ["email": "personne@nulle.part"])
            let known = try await browser.post("/mot-de-passe/oubli", ["email": "Marie.Dupont@demo.test"])
            let link = try #require(TestMail.link(in: try await mail.last(to: "marie.dupont@demo.test"), path: "/mot-de-passe/nouveau"))
            let token = try #require(link.split(separator: "=").last.map(String.init))
            let page = try await browser.get(link)
            let short = try await browser.post("/mot-de-passe/nouveau", ["token": token, "password": "court", "passwordConfirmation": "court"])
            let done = try await browser.post("/mot-de-passe/nouveau", ["token": token, "password": "nouvelle phrase secrète",
                                                                         "passwordConfirmation": "nouvelle phrase secrète"])
            let reused = try await browser.get(link)
            // check: the same answer whether or not the address has an account
            #expect(unknown.text.contains("Si un compte correspond à cette adresse"))
            #expect(known.text.contains("Si un compte correspond à cette adresse"))
            #expect(page.status == .ok && page.text.contains("Nouveau mot de passe"))
            #expect(short.status == .unprocessableContent && short.text.contains("au moins 12 caractères"))
            #expect(done.text.contains("Votre mot de passe a été modifié."))
            #expect(reused.status == .notFound)
            #expect(try await browser.logIn("marie.dupont@demo.test").status == .unprocessableContent)
            #expect(try await browser.logIn("marie.dupont@demo.test", password: "nouvelle phrase secrète").status == .seeOther)
        }
    }

    @Test("an e-mail change takes effect only once the new address is confirmed, and does not tell whose address is taken", arguments: [TestEngine.sqlite])
    func emailChange(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let browser = TestBrowser(client), mail = TestMail(database: database)
            _ = try await browser.logIn("paul.martin@demo.test")
            // act
            let wrong = try await browser.post("/compte/email", ["newEmail": "paul@nouveau.test", "emailPassword": "pas le bon"])
            let taken = try await browser.post("/compte/email", ["newEmail": "marie.dupont@demo.test", "emailPassword": DemoData.password])
            let asked = try await browser.post("/compte/email", ["newEmail": "paul@nouveau.test", "emailPassword": DemoData.password])
            let before = try await User.query(on: database.db).filter(\.$email == "paul.martin@demo.test").count()
            let link = try #require(TestMail.link(in: try await mail.last(to: "paul@nouveau.test"), path: "/compte/email/confirmer"))
            let confirmed = try await browser.get(link)
            // check
            #expect(wrong.text.contains("Le mot de passe actuel est incorrect."))
            // A taken address is answered like any other; its owner is told, and gets no link.
            #expect(taken.status == .seeOther && taken.headers[.location] == asked.headers[.location])
            let toMarie = try await mail.last(to: "marie.dupont@demo.test")
            #expect(toMarie?.subject == "Vous avez déjà un compte")
            #expect(TestMail.link(in: toMarie, path: "/compte/email/confirmer") == nil)
            #expect(asked.status == .seeOther && before == 1)
            #expect(confirmed.text.contains("Votre nouvelle adresse e-mail est confirmée."))
            #expect(try await User.query(on: database.db).filter(\.$email == "paul@nouveau.test").count() == 1)
        }
    }

    @Test("logging out ends the session; the old cookie opens nothing", arguments: [TestEngine.sqlite])
    func logout(engine: TestEngine) async throws {
        try await withShop(engine) { client, _ in
            let browser = TestBrowser(client)
            _ = try await browser.logIn("marie.dupont@demo.test")
            let stolen = try #require(browser.session)
            #expect(try await browser.get("/compte").status == .ok)
            try await browser.post("/deconnexion", [:])
            #expect(try await browser.get("/compte").headers[.location] == "/connexion?retour=/compte")
            let replay = try await client.execute(uri: "/compte", method: .get, headers: [.cookie: "boutique_session=\(stolen)"], body: nil)
            #expect(replay.status == .seeOther)
        }
    }
}
