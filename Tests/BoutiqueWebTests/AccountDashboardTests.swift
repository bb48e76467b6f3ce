import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import Testing

@Suite("« Mon compte » as a dashboard")
struct AccountDashboardTests {
    @Test("an employee sees the cards to spend with their balances and the last orders with their status; a newcomer is sent to the catalogue",
          arguments: TestEngine.available)
    func dashboard(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup: Marie's activated order of 33 € + 2 × 44 €; Paul has nothing
            let order = try await MyCardsPagesTests.activatedOrder(database)
            let cards = try await CardLedger.cards(ownerID: order.$user.id, on: database.sql)
            let marie = TestBrowser(client), paul = TestBrowser(client), manager = TestBrowser(client)
            _ = try await marie.logIn("marie.dupont@demo.test")
            _ = try await paul.logIn("paul.martin@demo.test")
            _ = try await manager.logIn("gestion.alpha@demo.test")
            // act
            let page = try await marie.get("/compte")
            let empty = try await paul.get("/compte")
            let staff = try await manager.get("/compte")
            // check
            #expect(page.text.contains("Mes e-Cartes à dépenser : 121,00\u{00A0}€"), "\(page.text)")
            for card in cards { #expect(page.text.contains("href=\"/compte/cartes/\(card.id)/telephone\"")) }
            #expect(page.text.contains("<a href=\"/compte/commandes/\(try order.requireID())\">Commande N° \(order.reference)</a>")
                    && page.text.contains("Activé"))
            #expect(empty.text.contains("Aucune e-Carte à dépenser pour l&#39;instant.") || empty.text.contains("Aucune e-Carte à dépenser pour l'instant."))
            #expect(empty.text.contains("href=\"/cse/beta/catalogue\">Commander en ligne</a>"))
            #expect(!staff.text.contains("Mes e-Cartes à dépenser"), "staff have no cards")
        }
    }
}
