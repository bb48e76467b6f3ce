import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import Testing

@Suite("The CSE's limits shown before « Commander »")
struct PurchaseLimitsPageTests {
    @Test("the product page and the cart state the per-order maximum and what is left of the yearly cap, orders awaiting payment counted",
          arguments: TestEngine.available)
    func shown(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup: CSE Alpha allows 300 € an order and 500 € a year; Marie has 152 € paid and 40 € awaiting payment
            let alpha = try #require(try await Tenant.query(on: database.db).filter(\.$slug == "alpha").first())
            alpha.settings.maxOrderCents = 30_000
            alpha.settings.yearlyCapCents = 50_000
            try await alpha.save(on: database.db)
            let marie = try #require(try await User.query(on: database.db).filter(\.$email == "marie.dupont@demo.test").first())
            for (number, status, total) in [(901, OrderStatus.validated, 15_200), (902, .awaitingPayment, 4_000)] {
                try await Order(number: number, tenantID: try alpha.requireID(), userID: try marie.requireID(), status: status,
                                faceTotalCents: total, totalCents: total, savingsCents: 0, termsAcceptedAt: Date()).create(on: database.db)
            }
            let product = try #require(try await Product.query(on: database.db).first())
            try await Cart(database: database).add(actor: try AccountActor(marie), productID: try product.requireID(), amount: "20", quantity: "1")
            let browser = TestBrowser(client), paul = TestBrowser(client)
            _ = try await browser.logIn("marie.dupont@demo.test")
            _ = try await paul.logIn("paul.martin@demo.test")
            // act
            let page = try await browser.get("/produits/\(product.slug)")
            let cart = try await browser.get("/panier")
            let paulCart = try await paul.get("/panier")
            // check
            // As the page prints them (an apostrophe of a variable is escaped).
            let maximum = "Montant maximum d&#39;une commande : 300,00\u{00A0}€."
            let left = "Plafond annuel d&#39;achat : 500,00\u{00A0}€ ; il vous reste 308,00\u{00A0}€ pour cette année"
                + " (dont 40,00\u{00A0}€ de commandes en attente de paiement déjà comptées)."
            #expect(page.text.contains(maximum) && page.text.contains(left), "\(page.text)")
            #expect(cart.text.contains(maximum) && cart.text.contains(left))
            #expect(!paulCart.text.contains("Plafond annuel"), "CSE Bêta sets no limit")
        }
    }
}
