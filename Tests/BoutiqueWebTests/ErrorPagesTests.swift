import BoutiqueCore
import BoutiqueTestSupport
import BoutiqueWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Error pages")
struct ErrorPagesTests {
    struct SecretFailure: Error, CustomStringConvertible {
        var description: String { "stack: /srv/secret/path.swift line 42" }
    }

    @Test("an unknown page is a French 404 with the security headers", arguments: TestEngine.available)
    func notFound(engine: TestEngine) async throws {
        try await withShop(engine) { client, _ in
            for uri in ["/nulle-part", "/cse/inconnu", "/cse/inconnu/theme.css"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound)
                    #expect(response.text.contains("Page introuvable"))
                    #expect(response.headers[.contentSecurityPolicy] != nil)
                    #expect(response.headers[.xContentTypeOptions] == "nosniff")
                }
            }
        }
    }

    @Test("an API path answers problem+json, not HTML", arguments: [TestEngine.sqlite])
    func apiNotFound(engine: TestEngine) async throws {
        try await withShop(engine) { client, _ in
            try await client.execute(uri: "/api/pos/v1/nothing", method: .post) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(response.text.contains(#""type":"/api/problems/not_found""#))
                #expect(response.text.contains(#""detail":"La page demandée n'existe pas ou n'est plus disponible.""#))
            }
        }
    }

    @Test("an unexpected failure is a French 500 that shows no internals", arguments: [TestEngine.sqlite])
    func serverError(engine: TestEngine) async throws {
        try await withShop(engine, extraRoutes: { router in
            router.get("/panne") { _, _ -> String in throw SecretFailure() }
        }) { client, _ in
            try await client.execute(uri: "/panne", method: .get) { response in
                #expect(response.status == .internalServerError)
                #expect(response.text.contains("Erreur du serveur"))
                #expect(!response.text.contains("secret"))
                #expect(!response.text.contains("SecretFailure"))
            }
        }
    }

    @Test("a wrong method is refused without a server error", arguments: [TestEngine.sqlite])
    func wrongMethod(engine: TestEngine) async throws {
        try await withShop(engine) { client, _ in
            try await client.execute(uri: "/catalogue", method: .delete) { response in
                #expect(response.status.code < 500)
            }
        }
    }

    @Test("HTTPS deployments send HSTS", arguments: [TestEngine.sqlite])
    func hsts(engine: TestEngine) async throws {
        try await withShop(engine, configuration: WebConfiguration(isDemo: false, publicURL: "https://shop.example", bcryptCost: 4)) { client, _ in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.headers[.strictTransportSecurity]?.contains("max-age=31536000") == true)
                #expect(!response.text.contains("Boutique de démonstration"))
            }
        }
    }
}
