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
import Synchronization
import Testing

/// A provider the test scripts: down or up, and what it says of each payment it created.
final class ScriptedProvider: PaymentProvider {
    struct State {
        var isDown = false
        var status: PaymentStatus = .pending
        var failureReason: String?
        var created: [String: PaymentRequest] = [:]
    }

    let state = Mutex(State())

    func createPayment(_ request: PaymentRequest) async throws -> PaymentCreation {
        try state.withLock { state in
            guard !state.isDown else { throw PaymentProviderError(.unavailable, statusCode: 503, message: "test: down") }
            let reference = "pay-\(state.created.count + 1)"
            state.created[reference] = request
            return PaymentCreation(reference: reference, redirectURL: "https://psp.test/page/\(reference)")
        }
    }

    func paymentDetails(reference: String) async throws -> PaymentDetails {
        try state.withLock { state in
            guard let request = state.created[reference] else { throw PaymentProviderError(.notFound, message: "test") }
            return PaymentDetails(reference: reference, status: state.status, amount: request.amount, currency: "EUR",
                                  orderReference: request.orderReference, failureReason: state.failureReason)
        }
    }

    func refund(reference: String, amount: Int, idempotencyKey: String?) async throws -> RefundResult {
        throw PaymentProviderError(.refundRejected, message: "test")
    }
}

/// What the employee's browser gets from the payment steps: a refusal is a 4xx page with the
/// guide's advice (402), an order that cannot be paid any more 409, a provider that is down 503
/// with `Retry-After`; never a 5xx for a refused card.
@Suite("Payment answers")
struct PaymentAnswersTests {
    static func configuration(_ provider: ScriptedProvider) -> WebConfiguration {
        var configuration = WebConfiguration.test
        configuration.shop.payments = PaymentSettings(providerName: "fake", provider: provider, publicURL: "http://127.0.0.1:8080",
                                                      beneficiary: "Boutique")
        return configuration
    }

    /// Marie's order of one 33 € card, awaiting payment.
    static func placedOrder(_ database: BoutiqueDatabase) async throws -> UUID {
        let marie = try #require(try await User.query(on: database.db).filter(\.$email == "marie.dupont@demo.test").first())
        let actor = try AccountActor(marie)
        let product = try #require(try await Product.query(on: database.db).first())
        try await Cart(database: database).add(actor: actor, productID: product.id, amount: "33", quantity: "1")
        return try await Orders(database: database).place(actor: actor, acceptedTerms: true).id
    }

    static func escaped(_ text: String) -> String { text.replacingOccurrences(of: "'", with: "&#39;") }

    @Test("a provider that is down: 503 with Retry-After and a French page, no attempt recorded", arguments: TestEngine.available)
    func providerDown(engine: TestEngine) async throws {
        let provider = ScriptedProvider()
        provider.state.withLock { $0.isDown = true }
        try await withShop(engine, configuration: Self.configuration(provider)) { client, database in
            // setup
            let id = try await Self.placedOrder(database)
            let marie = TestBrowser(client)
            _ = try await marie.logIn("marie.dupont@demo.test")
            // act
            let response = try await marie.post("/commandes/\(id)/payer", [:])
            // check
            #expect(response.status == .serviceUnavailable && response.headers[.retryAfter] == "120")
            #expect(response.text.contains(Self.escaped(PaymentMessages.providerDown)))
            #expect(try await PaymentAttempt.query(on: database.db).count() == 0)
            #expect(try await Order.find(id, on: database.db)?.status == .awaitingPayment)
        }
    }

    @Test("a refused card: back from the provider, 402 with the reason and the guide's advice, the order can be paid again",
          arguments: TestEngine.available)
    func refused(engine: TestEngine) async throws {
        let provider = ScriptedProvider()
        try await withShop(engine, configuration: Self.configuration(provider)) { client, database in
            // setup
            let id = try await Self.placedOrder(database)
            let marie = TestBrowser(client)
            _ = try await marie.logIn("marie.dupont@demo.test")
            // act: to the provider's page, which refuses the card
            let pay = try await marie.post("/commandes/\(id)/payer", [:])
            provider.state.withLock { $0.status = .refused; $0.failureReason = "Fonds insuffisants." }
            let back = try await marie.get("/paiement/retour?commande=\(id)")
            let afterRefusal = try await Order.find(id, on: database.db)?.status
            provider.state.withLock { $0.status = .pending }
            let again = try await marie.post("/commandes/\(id)/payer", [:])
            // check
            #expect(pay.status == .seeOther && pay.headers[.location] == "https://psp.test/page/pay-1")
            #expect(back.status.code == 402)
            #expect(back.text.contains(PaymentMessages.refused + " Fonds insuffisants."))
            for advice in PaymentMessages.advice { #expect(back.text.contains(Self.escaped(advice)), "\(advice)") }
            #expect(afterRefusal == .paymentRefused)
            #expect(again.status == .seeOther && again.headers[.location] == "https://psp.test/page/pay-2")
        }
    }

    @Test("an order that can no longer be paid: 409 and a French page, the provider is not asked", arguments: TestEngine.available)
    func notPayable(engine: TestEngine) async throws {
        let provider = ScriptedProvider()
        try await withShop(engine, configuration: Self.configuration(provider)) { client, database in
            // setup: the order is already validated
            let id = try await Self.placedOrder(database)
            try await Order.query(on: database.db).filter(\.$id == id).set(\.$status, to: .validated).update()
            let marie = TestBrowser(client)
            _ = try await marie.logIn("marie.dupont@demo.test")
            // act
            let response = try await marie.post("/commandes/\(id)/payer", [:])
            // check
            #expect(response.status == .conflict && response.text.contains(Self.escaped(PaymentMessages.notPayable)))
            #expect(provider.state.withLock { $0.created.isEmpty })
        }
    }
}
