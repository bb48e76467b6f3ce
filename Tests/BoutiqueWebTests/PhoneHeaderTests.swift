import BoutiqueTestSupport
import Foundation
import Testing

@Suite("Header: a phone's menu without JavaScript, the cart only for those who buy")
struct PhoneHeaderTests {
    @Test("every page's header has the « Menu » toggle bound to its checkbox; staff have no « Mon panier »", arguments: [TestEngine.sqlite])
    func header(engine: TestEngine) async throws {
        try await withShop(engine) { client, _ in
            // setup
            let marie = TestBrowser(client), manager = TestBrowser(client), operatorBrowser = TestBrowser(client), visitor = TestBrowser(client)
            _ = try await marie.logIn("marie.dupont@demo.test")
            _ = try await manager.logIn("gestion.alpha@demo.test")
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            // act
            let pages = [try await marie.get("/compte"), try await manager.get("/gestion"), try await operatorBrowser.get("/admin"),
                         try await visitor.get("/connexion")]
            // check
            for page in pages {
                #expect(page.text.contains("<input type=\"checkbox\" id=\"site-menu\" class=\"menu-toggle visually-hidden\">"))
                #expect(page.text.contains("<label class=\"menu-button\" for=\"site-menu\">Menu</label>"))
            }
            #expect(pages[0].text.contains("href=\"/panier\">Mon panier</a>") && pages[3].text.contains("href=\"/panier\">Mon panier</a>"))
            #expect(!pages[1].text.contains("Mon panier") && !pages[2].text.contains("Mon panier"), "managers and operators do not buy")
        }
    }
}
