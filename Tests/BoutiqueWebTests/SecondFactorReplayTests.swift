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

@Suite("Second factor replay")
struct SecondFactorReplayTests {
    @Test("a TOTP code opens once: replayed at login or to turn the factor off, it is refused; the next step's code works",
          arguments: TestEngine.available)
    func replay(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup: the manager turns the factor on with the code of now
            let manager = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            try await manager.post("/compte/securite/activer", [:])
            let user = try #require(try await User.query(on: database.db).filter(\.$email == "gestion.alpha@demo.test").first())
            let secret = try #require(TestTOTP.secret(user))
            let seen = SecondFactorTests.code(secret)
            let confirmed = try await manager.post("/compte/securite/confirmer", ["code": seen])
            try await manager.post("/deconnexion", [:])
            // act: an attacker who saw that code and knows the password replays it
            let attacker = TestBrowser(client)
            _ = try await attacker.logIn("gestion.alpha@demo.test")
            let replayed = try await attacker.post("/connexion/code", ["code": seen])
            // the owner logs in with the next code, then someone replays that one to turn the factor off
            _ = try await manager.logIn("gestion.alpha@demo.test")
            let next = SecondFactorTests.code(secret, offset: 30)
            let owner = try await manager.post("/connexion/code", ["code": next])
            let disable = try await manager.post("/compte/securite/desactiver", ["code": next])
            // check
            #expect(confirmed.status == .ok && confirmed.text.contains("codes de secours"))
            #expect(replayed.status == .unprocessableContent && replayed.text.contains("Code incorrect"))
            #expect(try await attacker.get("/gestion/comptes").status != .ok)
            #expect(owner.headers[.location] == "/gestion/comptes")
            #expect(disable.status == .unprocessableContent)
            #expect(try await User.find(user.id, on: database.db)?.totpEnabledAt != nil)
        }
    }
}
