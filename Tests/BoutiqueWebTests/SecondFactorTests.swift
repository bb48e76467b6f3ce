import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdOTP
import HummingbirdTesting
import Testing

@Suite("Second factor")
struct SecondFactorTests {
    static func code(_ secret: String, offset: TimeInterval = 0) -> String {
        String(format: "%06d", TOTP(secret: secret).compute(date: Date().addingTimeInterval(offset)))
    }

    @Test("a manager turns on TOTP; the next login asks for the code, refuses a wrong one and opens with the right one",
          arguments: TestEngine.available)
    func totp(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let manager = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            // act: set up
            let setup = try await manager.post("/compte/securite/activer", [:])
            let user = try #require(try await User.query(on: database.db).filter(\.$email == "gestion.alpha@demo.test").first())
            let secret = try #require(TestTOTP.secret(user))
            let wrongSetup = try await manager.post("/compte/securite/confirmer", ["code": "000000"])
            let confirmed = try await manager.post("/compte/securite/confirmer", ["code": Self.code(secret)])
            try await manager.post("/deconnexion", [:])
            // act: log in again
            let password = try await manager.logIn("gestion.alpha@demo.test")
            let withoutCode = try await manager.get("/gestion/comptes")
            let wrong = try await manager.post("/connexion/code", ["code": "123456"])
            // The setup's code opened once already: the next step's code, as the app shows it 30 s later.
            let right = try await manager.post("/connexion/code", ["code": Self.code(secret, offset: 30)])
            // check
            #expect(setup.text.contains("otpauth://totp/") && setup.text.contains("Clé :"))
            #expect(setup.text.contains("<svg") && setup.text.contains("QR code à scanner"))
            #expect(wrongSetup.status == .unprocessableContent)
            #expect(confirmed.status == .ok && confirmed.text.contains("codes de secours"))
            #expect(password.headers[.location] == "/connexion/code")
            #expect(withoutCode.headers[.location] == "/connexion")
            #expect(wrong.status == .unprocessableContent && wrong.text.contains("Code incorrect"))
            #expect(right.headers[.location] == "/gestion/comptes")
            #expect(try await manager.get("/gestion/comptes").status == .ok)
        }
    }

    @Test("employees have no second-factor page", arguments: TestEngine.available)
    func employees(engine: TestEngine) async throws {
        try await withShop(engine) { client, _ in
            let marie = TestBrowser(client)
            _ = try await marie.logIn("marie.dupont@demo.test")
            #expect(try await marie.get("/compte/securite").status == .forbidden)
        }
    }
}
