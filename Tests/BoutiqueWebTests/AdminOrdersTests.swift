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
            let byManager = try await manager.post("/admin/commandes/\(id)/rembourser", [:])
            let refunded = try await operatorBrowser.post("/admin/commandes/\(id)/rembourser", [:])
            let again = try await operatorBrowser.post("/admin/commandes/\(id)/rembourser", [:])
            // check
            #expect(list.text.contains(order.reference) && list.text.contains("CSE Alpha Industries"))
            #expect(detail.text.contains("Rembourser la commande") && detail.text.contains("Tentatives de paiement"))
            #expect(byManager.status == .forbidden)
            #expect(try await employee.get("/admin/commandes").status == .forbidden)
            #expect(try await TestBrowser(client).get("/admin/commandes").headers[.location] == "/connexion")
            #expect(refunded.headers[.location] == "/admin/commandes/\(id)?ok=rembourse")
            #expect(again.status == .unprocessableContent && again.text.contains("déjà remboursée"))
            #expect(try await Order.find(id, on: database.db)?.status == .refunded)
            #expect(try await employee.get("/compte/commandes").text.contains("Remboursée"))
            let owner: UUID = order.$user.id
            #expect(try await CardLedger.cards(ownerID: owner, on: database.sql).allSatisfy { $0.status == .blocked })
        }
    }
}
