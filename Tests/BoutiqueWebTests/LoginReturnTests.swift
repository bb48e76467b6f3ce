import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import HTTPTypes
import Testing

@Suite("Back to the page asked for after logging in, never to another site")
struct LoginReturnTests {
    @Test("a visitor on a product page logs in and lands on that product; a console or a form goes to the login page alone",
          arguments: [TestEngine.sqlite])
    func productBack(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let product = try #require(try await Product.query(on: database.db).first())
            let visitor = TestBrowser(client)
            // act
            let asked = try await visitor.get("/produits/\(product.slug)")
            let loginPage = try await visitor.get(try #require(asked.headers[.location]))
            let loggedIn = try await visitor.post("/connexion", ["email": "marie.dupont@demo.test", "password": "boutique-demo",
                                                                 "retour": "/produits/\(product.slug)"])
            let product2 = try await visitor.get("/produits/\(product.slug)")
            let console = try await TestBrowser(client).get("/admin/commandes")
            let form = try await TestBrowser(client).post("/panier/lignes", ["product": "x"])
            // check
            #expect(asked.headers[.location] == "/connexion?retour=/produits/\(product.slug)")
            #expect(loginPage.text.contains("<input type=\"hidden\" name=\"retour\" value=\"/produits/\(product.slug)\">"))
            #expect(loggedIn.status == .seeOther && loggedIn.headers[.location] == "/produits/\(product.slug)")
            #expect(product2.status == .ok && product2.text.contains(product.name))
            #expect(console.headers[.location] == "/connexion" && form.headers[.location] == "/connexion")
        }
    }

    @Test("a return address to another site, or a malformed one, is ignored: the login goes to the usual home",
          arguments: ["//evil.test/x", "/\\evil.test", "https://evil.test", "evil.test", "/connexion", "/ok\u{0A}Location: x"])
    func foreign(retour: String) async throws {
        try await withShop(.sqlite) { client, _ in
            // setup
            let browser = TestBrowser(client)
            // act
            let page = try await browser.get("/connexion?retour=" + (retour.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
            let loggedIn = try await browser.post("/connexion", ["email": "marie.dupont@demo.test", "password": "boutique-demo", "retour": retour])
            // check
            #expect(!page.text.contains("name=\"retour\""), "\(retour)")
            #expect(loggedIn.status == .seeOther && loggedIn.headers[.location] == "/cse/alpha", "\(retour)")
        }
    }
}
