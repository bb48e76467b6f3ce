import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("The till view: the barcode owns the screen, opens offline, leaves at logout")
struct TillViewTests {
    @Test("no site chrome, the barcode before the number before the rest, the wake-lock script; the worker caches only till views",
          arguments: [TestEngine.sqlite])
    func tillView(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let order = try await MyCardsPagesTests.activatedOrder(database)
            let card = try #require(try await CardLedger.cards(ownerID: order.$user.id, on: database.sql).first)
            let marie = TestBrowser(client)
            _ = try await marie.logIn("marie.dupont@demo.test")
            // act
            let till = try await marie.get("/compte/cartes/\(card.id)/telephone")
            let worker = try await TestBrowser(client).get("/compte/cartes/hors-ligne.js")
            let logout = try await marie.post("/deconnexion", [:])
            let script = try await TestBrowser(client).get("/static/till.js")
            // check
            let text = till.text
            #expect(till.status == .ok && text.contains("<body class=\"till\">"))
            #expect(!text.contains("site-header") && !text.contains("main-nav") && !text.contains("site-footer"), "no site chrome")
            let svg = try #require(text.range(of: "<svg")), number = try #require(text.range(of: "class=\"phone-number\""))
            let balance = try #require(text.range(of: "Solde :"))
            #expect(svg.lowerBound < number.lowerBound && number.lowerBound < balance.lowerBound, "barcode first, then the number")
            #expect(text.contains("<script src=\"/static/till.js\" defer></script>") && !text.contains("<script>"), "no inline script (CSP)")
            #expect(text.contains("<details class=\"pin\"><summary>Afficher le code PIN</summary>"))
            #expect(script.status == .ok && String(buffer: script.body).contains("wakeLock"))
            #expect(worker.status == .ok && worker.headers[.contentType]?.hasPrefix("text/javascript") == true)
            let code = String(buffer: worker.body)
            #expect(code.contains(#"/^\/compte\/cartes\/[0-9A-Fa-f-]{36}\/telephone$/"#) && code.contains("!response.redirected"))
            #expect(logout.status == .seeOther && logout.headers[HTTPField.Name("Clear-Site-Data")!] == #""cache", "storage""#)
            #expect(logout.headers[.location] == "/cse/alpha", "back to the CSE's own shop")
        }
    }
}
