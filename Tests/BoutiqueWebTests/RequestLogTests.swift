import BoutiqueCore
import BoutiqueTestSupport
import Foundation
import Logging
import Testing

/// The request log carries no secret a URL can hold: the links' tokens (password reset, e-mail
/// verification, e-mail change, payment return) are replaced, harmless notices kept.
@Suite("Request log")
struct RequestLogTests {
    @Test("tokens in query strings and token-like path segments never reach the log", arguments: [TestEngine.sqlite])
    func redacted(engine: TestEngine) async throws {
        let lines = CapturingLogHandler.Lines()
        let logger = Logger(label: "boutique.capture") { _ in CapturingLogHandler(lines: lines) }
        let secret = "Zq3" + SecureTokenFixture.random
        try await withShop(engine, logger: logger) { client, _ in
            let browser = TestBrowser(client)
            for uri in ["/mot-de-passe/nouveau?jeton=\(secret)", "/compte/valider?jeton=\(secret)&ok=1",
                        "/paiement/retour?commande=7&jeton=\(secret)", "/static/\(secret)/x.css",
                        "/compte/email/confirmer?jeton=\(secret)"] {
                _ = try await browser.get(uri)
            }
            _ = try await browser.get("/catalogue?ok=panier")
        }
        let requests = lines.all.filter { $0.contains("Request") }
        #expect(requests.count >= 6)
        #expect(!lines.all.contains { $0.contains(secret) }, "\(lines.all.filter { $0.contains(secret) })")
        #expect(requests.contains { $0.contains("/mot-de-passe/nouveau?jeton=***") })
        #expect(requests.contains { $0.contains("/compte/valider?jeton=***&ok=1") })
        #expect(requests.contains { $0.contains("/static/***/x.css") })
        #expect(requests.contains { $0.contains("/catalogue?ok=panier") })
    }
}

enum SecureTokenFixture {
    /// 40 characters of base64url, as the shop's tokens are.
    static var random: String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        return String((0..<40).map { _ in alphabet.randomElement()! })
    }
}
