import BoutiqueCore
import BoutiquePayments
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import BoutiqueWeb
import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A provider that accepts refunds and knows nothing else.
struct RefundOnlyProvider: PaymentProvider {
    func createPayment(_ request: PaymentRequest) async throws -> PaymentCreation { throw PaymentProviderError(.unavailable, message: "test") }
    func paymentDetails(reference: String) async throws -> PaymentDetails { throw PaymentProviderError(.notFound, message: "test") }
    func refund(reference: String, amount: Int, idempotencyKey: String?) async throws -> RefundResult {
        RefundResult(refundID: "r", amount: amount, totalRefunded: amount)
    }
}

@Suite("Operator orders")
struct AdminOrdersTests {
    static var configuration: WebConfiguration {
        var configuration = WebConfiguration.test
        configuration.shop.payments = PaymentSettings(providerName: "fake", provider: RefundOnlyProvider(), publicURL: "http://127.0.0.1:8080",
                                                 beneficiary: "Boutique")
        return configuration
    }

    @Test("the operator sees every order with its attempts and refunds an activated one; others cannot", arguments: [TestEngine.sqlite])
    func refund(engine: TestEngine) async throws {
        try await withShop(engine, configuration: Self.configuration) { client, database in
            // setup
            let order = try await MyCardsPagesTests.activatedOrder(database)
            let id = try order.requireID()
            let operatorBrowser = TestBrowser(client), manager = TestBrowser(client), employee = TestBrowser(client)
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            _ = try await manager.logIn("gestion.alpha@demo.test")
            _ = try await employee.logIn("marie.dupont@demo.test")
            // act
            let list = try await operatorBrowser.get("/admin/commandes")
            let detail = try await operatorBrowser.get("/admin/commandes/\(id)")
            let byManager = try await manager.post("/admin/commandes/\(id)/rembourser", ["montant": "0"])
            let unconfirmed = try await operatorBrowser.post("/admin/commandes/\(id)/rembourser", [:])
            let confirmation = try await operatorBrowser.get("/admin/commandes/\(id)/rembourser")
            let amount = try #require(confirmation.text.range(of: "name=\"montant\" value=\"").map { String(confirmation.text[$0.upperBound...].prefix { $0 != "\"" }) })
            let refunded = try await operatorBrowser.post("/admin/commandes/\(id)/rembourser", ["montant": amount])
            let again = try await operatorBrowser.post("/admin/commandes/\(id)/rembourser", ["montant": amount])
            // check
            #expect(list.text.contains(order.reference) && list.text.contains("CSE Alpha Industries"))
            #expect(detail.text.contains("Rembourser la commande") && detail.text.contains("Tentatives de paiement"))
            #expect(byManager.status == .forbidden)
            #expect(try await employee.get("/admin/commandes").status == .forbidden)
            #expect(try await TestBrowser(client).get("/admin/commandes").headers[.location] == "/connexion")
            #expect(unconfirmed.status == .unprocessableContent && unconfirmed.text.contains("page de confirmation"))
            #expect(try await manager.get("/admin/commandes/\(id)/rembourser").status == .forbidden)
            #expect(refunded.headers[.location] == "/admin/commandes/\(id)?ok=rembourse")
            #expect(again.status == .unprocessableContent && again.text.contains("déjà remboursée"))
            #expect(try await Order.find(id, on: database.db)?.status == .refunded)
            #expect(try await employee.get("/compte/commandes").text.contains("Remboursée"))
            let owner: UUID = order.$user.id
            #expect(try await CardLedger.cards(ownerID: owner, on: database.sql).allSatisfy { $0.status == .blocked })
        }
    }

    @Test("the refund's confirmation page states each card, its balance and what goes back; nothing moves until it is confirmed",
          arguments: TestEngine.available)
    func confirmation(engine: TestEngine) async throws {
        try await withShop(engine, configuration: Self.configuration) { client, database in
            // setup: Marie's activated order (33 € and 2 × 44 € at 5 %), paid by a charge at the provider
            let order = try await MyCardsPagesTests.activatedOrder(database)
            let id = try order.requireID()
            let charge = PaymentAttempt(orderID: id, provider: "fake", reference: "pay-1", amountCents: order.totalCents, currency: "EUR")
            charge.status = "succeeded"
            try await charge.create(on: database.db)
            let operatorBrowser = TestBrowser(client)
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            let owner: UUID = order.$user.id
            let last4 = try await CardLedger.cards(ownerID: owner, on: database.sql).map(\.last4)
            // act
            let preview = try await operatorBrowser.get("/admin/commandes/\(id)/rembourser")
            let afterPreview = try await Order.find(id, on: database.db)?.status
            let jobsAfterPreview = try await JobQueue(database: database).list(states: [.pending]).filter { $0.kind == Refunds.kind }.count
            let outdated = try await operatorBrowser.post("/admin/commandes/\(id)/rembourser", ["montant": "100"])
            let afterOutdated = try await CardLedger.cards(ownerID: owner, on: database.sql).map(\.status)
            let confirmed = try await operatorBrowser.post("/admin/commandes/\(id)/rembourser", ["montant": "11495"])
            let detail = try await operatorBrowser.get("/admin/commandes/\(id)")
            let list = try await operatorBrowser.get("/admin/commandes")
            // check
            #expect(preview.status == .ok && preview.text.contains("Rembourser la commande \(order.reference) ?"))
            #expect(last4.count == 3 && last4.allSatisfy { preview.text.contains("…\($0)") })
            #expect(preview.text.contains("33,00\u{00A0}€") && preview.text.contains("44,00\u{00A0}€") && preview.text.contains("41,80\u{00A0}€"))
            #expect(preview.text.contains("Confirmer le remboursement de 114,95\u{00A0}€") && preview.text.contains("name=\"montant\" value=\"11495\""))
            #expect(!preview.text.contains("5032XXXX"))
            #expect(afterPreview == .activated && jobsAfterPreview == 0)
            #expect(outdated.status == .unprocessableContent && outdated.text.contains("ont changé depuis l"))
            #expect(afterOutdated.allSatisfy { $0 == .active })
            #expect(try await Order.find(id, on: database.db)?.status == .refunded)
            #expect(confirmed.headers[.location] == "/admin/commandes/\(id)?ok=rembourse")
            #expect(detail.text.contains("Remboursé</dt><dd>114,95\u{00A0}€") && detail.text.contains("Remboursement par l"))
            #expect(list.text.contains("remboursé 114,95\u{00A0}€"))
            let refunds = try await PaymentRefund.query(on: database.db).all()
            #expect(refunds.map(\.amountCents) == [11_495] && refunds.map(\.idempotencyKey) == ["refund-\(id)"])
        }
    }
}
