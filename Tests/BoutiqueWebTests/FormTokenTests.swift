import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import BoutiqueWeb
import FluentKit
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// The forms' anti-forgery token is the shop's, for this session: a cookie planted by another
/// site with a matching field, or a token of another session, is refused.
@Suite("Form tokens bound to the session")
struct FormTokenTests {
    @Test("a forged cookie with a matching field, and another session's token, are refused with 403; nothing changes",
          arguments: TestEngine.available)
    func forged(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup: a manager's session, and an employee's own valid token
            let id = try await AccountSecurityTests.pendingUser("alpha", database)
            let manager = TestBrowser(client), employee = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            _ = try await employee.logIn("marie.dupont@demo.test")
            let session = try #require(manager.session)
            let planted = SecureToken.generate()
            let otherSessions = try #require(employee.csrf)
            // act
            let forged = try await Self.post(client, session: session, csrf: planted, path: "/gestion/comptes/\(id)/valider")
            let crossed = try await Self.post(client, session: session, csrf: otherSessions, path: "/gestion/comptes/\(id)/valider")
            let own = try await manager.post("/gestion/comptes/\(id)/valider", [:]).status
            // check
            #expect(forged == .forbidden && crossed == .forbidden)
            #expect(own == .seeOther || own == .ok)
            #expect(try await User.find(id, on: database.db)?.status == .active)
        }
    }

    @Test("the token changes with the session: the one of the login page no longer serves once logged in", arguments: TestEngine.available)
    func rotatesAtLogin(engine: TestEngine) async throws {
        try await withShop(engine) { client, _ in
            let browser = TestBrowser(client)
            _ = try await browser.get("/connexion")
            let anonymous = try #require(browser.csrf)
            _ = try await browser.logIn("marie.dupont@demo.test")
            let session = try #require(browser.session)
            #expect(browser.csrf != anonymous)
            let stale = try await Self.post(client, session: session, csrf: anonymous, path: "/deconnexion")
            #expect(stale == .forbidden)
            #expect(try await browser.post("/deconnexion", [:]).status == .seeOther)
        }
    }

    @Test("over HTTPS the session and form cookies are __Host- cookies: Secure, Path=/, no Domain", arguments: [TestEngine.sqlite])
    func hostPrefix(engine: TestEngine) async throws {
        var configuration = WebConfiguration.test
        configuration.shop.publicURL = "https://boutique.exemple.fr"
        try await withShop(engine, configuration: configuration) { client, _ in
            let page = try await client.execute(uri: "/connexion", method: .get, headers: [:], body: nil) { $0 }
            let cookie = try #require(page.headers[values: .setCookie].first { $0.hasPrefix("__Host-boutique_csrf=") })
            #expect(cookie.contains("Secure") && cookie.contains("Path=/") && !cookie.contains("Domain"))
            #expect(!page.headers[values: .setCookie].contains { $0.hasPrefix("boutique_csrf=") })
        }
    }

    static func post(_ client: any TestClientProtocol, session: String, csrf: String, path: String) async throws -> HTTPResponse.Status {
        try await client.execute(uri: path, method: .post,
                                 headers: [.cookie: "boutique_session=\(session); boutique_csrf=\(csrf)",
                                           .contentType: "application/x-www-form-urlencoded"],
                                 body: ByteBuffer(string: "_csrf=\(TestBrowser.encode(csrf))")) { $0.status }
    }
}
