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

@Suite("Security e-mails")
struct SecurityMailTests {
    static func audited(_ action: AuditAction, _ database: BoutiqueDatabase) async throws -> Int {
        try await AuditEntry.query(on: database.db).filter(\.$action == action.rawValue).count()
    }

    @Test("a password changed while logged in, or through a reset link, is told to the account and logged",
          arguments: TestEngine.available)
    func passwordChanged(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let mail = TestMail(database: database), marie = TestBrowser(client), visitor = TestBrowser(client)
            _ = try await marie.logIn("marie.dupont@demo.test")
            // act: a change, then a reset of Paul's
            try await marie.post("/compte/mot-de-passe", ["currentPassword": DemoData.password, "password": "une toute nouvelle phrase",
                                                          "passwordConfirmation": "une toute nouvelle phrase"])
            let changeMail = try await mail.last(to: "marie.dupont@demo.test")
            try await visitor.post("/mot-de-passe/oubli", ["email": "paul.martin@demo.test"])
            let link = try #require(TestMail.link(in: try await mail.last(to: "paul.martin@demo.test"), path: "/mot-de-passe/nouveau"))
            try await visitor.post("/mot-de-passe/nouveau", ["token": try ResetLinkTests.token(of: link), "password": "nouvelle phrase secrète",
                                                             "passwordConfirmation": "nouvelle phrase secrète"])
            let resetMail = try await mail.last(to: "paul.martin@demo.test")
            // check
            #expect(changeMail?.subject == "Votre mot de passe a été modifié")
            #expect(changeMail?.text.contains("Si ce n'est pas vous") == true)
            #expect(TestMail.link(in: changeMail, path: "/mot-de-passe/oubli") != nil)
            #expect(resetMail?.subject == "Votre mot de passe a été modifié")
            #expect(try await Self.audited(.passwordChanged, database) == 1)
            #expect(try await Self.audited(.passwordReset, database) == 1)
        }
    }

    @Test("a confirmed e-mail change is told to the new and the old address, and logged", arguments: TestEngine.available)
    func emailChanged(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let mail = TestMail(database: database), paul = TestBrowser(client)
            _ = try await paul.logIn("paul.martin@demo.test")
            try await paul.post("/compte/email", ["newEmail": "paul@nouveau.test", "emailPassword": DemoData.password])
            let link = try #require(TestMail.link(in: try await mail.last(to: "paul@nouveau.test"), path: "/compte/email/confirmer"))
            // act
            let confirmed = try await paul.get(link)
            let toNew = try await mail.last(to: "paul@nouveau.test"), toOld = try await mail.last(to: "paul.martin@demo.test")
            // check
            #expect(confirmed.status == .ok)
            for message in [toNew, toOld] {
                #expect(message?.subject == "L'adresse e-mail de votre compte a été modifiée")
                #expect(message?.text.contains("paul@nouveau.test") == true && message?.text.contains("paul.martin@demo.test") == true)
            }
            #expect(try await Self.audited(.emailChanged, database) == 1)
        }
    }

    @Test("turning the second factor on and off is told to the account", arguments: TestEngine.available)
    func secondFactor(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let mail = TestMail(database: database), manager = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            try await manager.post("/compte/securite/activer", [:])
            let user = try #require(try await User.query(on: database.db).filter(\.$email == "gestion.alpha@demo.test").first())
            let secret = try #require(TestTOTP.secret(user))
            // act
            try await manager.post("/compte/securite/confirmer", ["code": SecondFactorTests.code(secret)])
            let enabled = try await mail.last(to: "gestion.alpha@demo.test")
            let off = try await manager.post("/compte/securite/desactiver", ["code": SecondFactorTests.code(secret, offset: 30)])
            let disabled = try await mail.last(to: "gestion.alpha@demo.test")
            // check
            #expect(enabled?.subject == "Double authentification activée")
            #expect(off.headers[.location] == "/compte/securite?ok=desactivee")
            #expect(disabled?.subject == "Double authentification désactivée")
        }
    }
}
