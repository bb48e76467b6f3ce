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

    @Test("the set-up page's QR code, read by a scanner, is exactly the otpauth:// link of the account's secret",
          .enabled(if: SVGQRCode.shouldRun, "needs rsvg-convert and zbarimg: apt-get install librsvg2-bin zbar-tools"),
          arguments: TestEngine.available)
    func qrCodeScans(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let manager = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            // act
            let setup = try await manager.post("/compte/securite/activer", [:])
            let svg = try #require(SVGQRCode.first(in: setup.text))
            let decoded = try #require(try await SVGQRCode.decode(svg))
            // check: the scanned text is the page's link, made of the secret the shop keeps, with the key shown to type
            let href = try #require(setup.text.firstMatch(of: /<a href="(otpauth:[^"]+)">/).map { String($0.output.1) })
            let link = href.replacingOccurrences(of: "&#x3D;", with: "=").replacingOccurrences(of: "&#61;", with: "=")
                .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
                .replacingOccurrences(of: "&amp;", with: "&")
            let user = try #require(try await User.query(on: database.db).filter(\.$email == "gestion.alpha@demo.test").first())
            let secret = try #require(TestTOTP.secret(user))
            let key = try #require(setup.text.firstMatch(of: /<code id="totp-key">([A-Z2-7]+)<\/code>/).map { String($0.output.1) })
            #expect(decoded == link)
            #expect(decoded == TOTP(secret: secret).createAuthenticatorURL(label: "gestion.alpha@demo.test", issuer: "Boutique e-Cartes"))
            #expect(URLComponents(string: decoded)?.queryItems?.first { $0.name == "secret" }?.value == key)
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
