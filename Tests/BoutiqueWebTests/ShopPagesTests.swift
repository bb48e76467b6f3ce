import BoutiqueCore
import BoutiqueTestSupport
import BoutiqueWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Shop pages")
struct ShopPagesTests {
    @Test("the home page is French, lists the shortcuts of the guide and carries the security headers",
          arguments: TestEngine.available)
    func home(engine: TestEngine) async throws {
        try await withShop(engine) { client, _ in
            // act
            try await client.execute(uri: "/", method: .get) { response in
                // check
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let page = response.text
                #expect(page.contains(#"<html lang="fr">"#))
                for label in ["Commander en ligne", "Où dépenser ma e-Carte", "Contactez-nous", "Mon compte", "Je commande"] {
                    #expect(page.contains(label), "missing \(label)")
                }
                #expect(page.contains("-5\u{00A0}%"))
                #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin")
                #expect(response.headers[HTTPField.Name("X-Request-Id")!]?.isEmpty == false)
                #expect(response.headers[.strictTransportSecurity] == nil)
            }
        }
    }

    @Test("a CSE's shop shows its name in the header, its colour and its negotiated discount",
          arguments: TestEngine.available)
    func tenantShop(engine: TestEngine) async throws {
        try await withShop(engine) { client, _ in
            try await client.execute(uri: "/cse/alpha", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("<strong>CSE Alpha Industries</strong>"))
                #expect(response.text.contains(#"href="/cse/alpha/theme.css""#))
                #expect(response.text.contains(#"href="/cse/alpha/catalogue""#))
            }
            try await client.execute(uri: "/cse/beta/theme.css", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
                #expect(response.text.contains("--brand: #0f6b4f;"))
            }
            try await client.execute(uri: "/cse/beta/catalogue", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("e-Carte Économies"))
                #expect(response.text.contains("CSE Bêta Logistique"))
                #expect(response.text.contains("Une e-Carte de 100,00\u{00A0}€ vous coûte 95,00\u{00A0}€."))
                #expect(response.text.contains("Utilisable sur tout le magasin sauf carburant"))
            }
        }
    }

    @Test("the public catalogue lists the products with their discount and amounts", arguments: TestEngine.available)
    func catalogue(engine: TestEngine) async throws {
        try await withShop(engine) { client, _ in
            try await client.execute(uri: "/catalogue", method: .get) { response in
                #expect(response.status == .ok)
                let page = response.text
                #expect(page.contains("<h1>Cartes cadeaux</h1>"))
                #expect(page.contains("<span class=\"badge\">-5\u{00A0}%</span>"))
                #expect(page.contains("De 10,00\u{00A0}€ à 1\u{202F}500,00\u{00A0}€"))
                #expect(page.contains("valable 1 an à date d&#39;achat"))
            }
        }
    }

    @Test("HTML-special characters in a CSE's name are escaped", arguments: [TestEngine.sqlite])
    func escaping(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let alpha = try #require(try await BoutiqueShopTestData.tenant("alpha", database))
            alpha.name = "<script>alert(1)</script> & Cie"
            try await alpha.save(on: database.db)
            // act
            try await client.execute(uri: "/cse/alpha", method: .get) { response in
                // check
                #expect(!response.text.contains("<script>alert(1)</script>"))
                #expect(response.text.contains("&lt;script&gt;"))
            }
        }
    }

    @Test("static files are served with a cache lifetime", arguments: [TestEngine.sqlite])
    func staticFiles(engine: TestEngine) async throws {
        try await withShop(engine) { client, _ in
            try await client.execute(uri: "/static/boutique.css", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/css") == true)
                #expect(response.headers[.cacheControl]?.contains("max-age=3600") == true)
                #expect(response.text.contains("--brand"))
            }
        }
    }
}
