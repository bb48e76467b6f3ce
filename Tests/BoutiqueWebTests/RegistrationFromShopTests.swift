import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import Testing

@Suite("Registration from a CSE's shop: the CSE chosen for the visitor, no list of the platform's CSEs")
struct RegistrationFromShopTests {
    @Test("the CSE's shop links to its registration, which names it and sends its id; the bare page lists no CSE and takes a short name",
          arguments: TestEngine.available)
    func fromShop(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let alpha = try await AccountFlowTests.tenantID("alpha", database)
            let browser = TestBrowser(client)
            // act
            let shop = try await browser.get("/cse/alpha")
            let fixed = try await browser.get("/compte/creer?cse=alpha")
            let bare = try await browser.get("/compte/creer")
            let unknown = try await browser.get("/compte/creer?cse=inconnu")
            var bySlug = AccountFlowTests.registration(email: "lea@alpha.test", tenant: alpha)
            bySlug["tenant"] = nil
            bySlug["cse"] = " Alpha "
            let registered = try await browser.post("/compte/creer", bySlug)
            var wrong = AccountFlowTests.registration(email: "leo@alpha.test", tenant: alpha)
            wrong["tenant"] = nil
            wrong["cse"] = "gamma"
            let refused = try await browser.post("/compte/creer", wrong)
            // check
            #expect(shop.text.contains("href=\"/compte/creer?cse=alpha\""))
            #expect(fixed.text.contains("<input type=\"hidden\" name=\"tenant\" value=\"\(alpha.uuidString)\">")
                    && fixed.text.contains("Mon CSE : <strong>CSE Alpha Industries</strong>"))
            for page in [fixed, bare, unknown] {
                #expect(!page.text.contains("CSE Bêta") && !page.text.contains("<select id=\"tenant\""), "no list of CSEs")
            }
            #expect(bare.text.contains("name=\"cse\"") && unknown.text.contains("value=\"inconnu\""))
            #expect(registered.status == .ok)
            let lea = try #require(try await User.query(on: database.db).filter(\.$email == "lea@alpha.test").first())
            #expect(lea.$tenant.id == alpha)
            #expect(refused.status == .unprocessableContent && refused.text.contains("Indiquez l&#39;identifiant de votre CSE"))
            #expect(try await User.query(on: database.db).filter(\.$email == "leo@alpha.test").count() == 0)
        }
    }
}
