import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
@testable import BoutiqueWeb
import BoutiqueTestSupport
import FluentKit
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Second factor: secrets sealed at rest")
struct SecondFactorSealingTests {
    /// The manager sets up TOTP through the pages and confirms it with a first code.
    static func enable(_ browser: TestBrowser, _ email: String, _ database: BoutiqueDatabase) async throws -> String {
        _ = try await browser.logIn(email)
        _ = try await browser.post("/compte/securite/activer", [:])
        let secret = try #require(TestTOTP.secret(try await User.query(on: database.db).filter(\.$email == email).first()))
        _ = try await browser.post("/compte/securite/confirmer", ["code": SecondFactorTests.code(secret)])
        try await browser.post("/deconnexion", [:])
        return secret
    }

    static func stored(_ email: String, _ database: BoutiqueDatabase) async throws -> String? {
        try await User.query(on: database.db).filter(\.$email == email).first()?.totpSecret
    }

    @Test("the database holds the secret sealed, never the key the app was given; a secret moved to another account does not open",
          arguments: TestEngine.available)
    func sealed(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let alpha = TestBrowser(client), beta = TestBrowser(client)
            let secret = try await Self.enable(alpha, "gestion.alpha@demo.test", database)
            _ = try await Self.enable(beta, "gestion.beta@demo.test", database)
            let stored = try #require(try await Self.stored("gestion.alpha@demo.test", database))
            // act: log in with the code; then alpha's sealed secret is copied onto beta's row
            _ = try await alpha.logIn("gestion.alpha@demo.test")
            let opened = try await alpha.post("/connexion/code", ["code": SecondFactorTests.code(secret, offset: 30)])
            try await User.query(on: database.db).filter(\.$email == "gestion.beta@demo.test").set(\.$totpSecret, to: stored).update()
            _ = try await beta.logIn("gestion.beta@demo.test")
            let moved = try await beta.post("/connexion/code", ["code": SecondFactorTests.code(secret, offset: 30)])
            // check
            #expect(stored.hasPrefix("v1.") && !stored.contains(secret))
            #expect(opened.headers[.location] == "/gestion/comptes")
            #expect(moved.status == .unprocessableContent && moved.text.contains("Code incorrect"))
        }
    }

    @Test("a secret stored in clear before sealing keeps working and is sealed by the next migration", arguments: TestEngine.available)
    func upgrade(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup: the secret put back in clear, as a shop before this change stored it
            let manager = TestBrowser(client)
            let secret = try await Self.enable(manager, "gestion.alpha@demo.test", database)
            try await User.query(on: database.db).filter(\.$email == "gestion.alpha@demo.test").set(\.$totpSecret, to: secret).update()
            // act
            _ = try await manager.logIn("gestion.alpha@demo.test")
            let before = try await manager.post("/connexion/code", ["code": SecondFactorTests.code(secret, offset: 30)])
            try await manager.post("/deconnexion", [:])
            let shop = try await ShopServices(database: database, settings: WebConfiguration.test.shop)
            try await shop.migrate()
            let sealed = try await Self.stored("gestion.alpha@demo.test", database)
            // Thirty seconds later, as far as the replay guard knows: the next step's code is new.
            try await database.sql.raw("UPDATE users SET totp_last_step = totp_last_step - 2").run()
            _ = try await manager.logIn("gestion.alpha@demo.test")
            let after = try await manager.post("/connexion/code", ["code": SecondFactorTests.code(secret, offset: 30)])
            // check
            #expect(before.headers[.location] == "/gestion/comptes")
            #expect(sealed?.hasPrefix("v1.") == true && sealed != secret)
            #expect(after.headers[.location] == "/gestion/comptes")
        }
    }
}
