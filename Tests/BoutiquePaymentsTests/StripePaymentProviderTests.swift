import BoutiqueCore
import AsyncHTTPClient
import BoutiquePayments
import Foundation
import Testing

/// The Stripe adapter against a local fake Stripe: what it sends, and how it reads Stripe's answers.
@Suite("Stripe Checkout provider")
struct StripePaymentProviderTests {
    static func withStripe<T: Sendable>(_ body: @Sendable (FakeStripe, StripePaymentProvider) async throws -> T) async throws -> T {
        let stripe = FakeStripe()
        return try await LiveServer.run(stripe.router) { port in
            try await body(stripe, StripePaymentProvider(secretKey: FakeStripe.secretKey, apiBaseURL: "http://127.0.0.1:\(port)"))
        }
    }

    static let request = PaymentRequest(amount: 4_750, orderReference: "CMD-000326", beneficiary: "CSE Alpha",
                                        customerEmail: "marie.dupont@demo.test",
                                        returnURL: "https://shop.test/paiement/retour?commande=326",
                                        cancelURL: "https://shop.test/paiement/annulation", notificationURL: "https://shop.test/ignored")

    @Test("Creating a payment posts a Checkout Session form with the secret key; nothing is charged")
    func create() async throws {
        try await Self.withStripe { stripe, provider in
            // act
            let creation = try await provider.createPayment(Self.request)

            // check
            #expect(creation.reference == "cs_test_1")
            #expect(creation.redirectURL == "https://checkout.stripe.test/c/pay/cs_test_1")
            let call = try #require(stripe.calls.first)
            #expect(call.path == "/v1/checkout/sessions")
            let expected = [
                "mode": "payment",
                "line_items[0][quantity]": "1",
                "line_items[0][price_data][currency]": "eur",
                "line_items[0][price_data][unit_amount]": "4750",
                "line_items[0][price_data][product_data][name]": "Commande CMD-000326 — CSE Alpha",
                "success_url": "https://shop.test/paiement/retour?commande=326&token={CHECKOUT_SESSION_ID}",
                "cancel_url": "https://shop.test/paiement/annulation?token={CHECKOUT_SESSION_ID}",
                "client_reference_id": "CMD-000326",
                "metadata[order_reference]": "CMD-000326",
                "customer_email": "marie.dupont@demo.test",
            ]
            for (name, value) in expected { #expect(call.fields[name] == value, "\(name)") }
            #expect(!stripe.calls.contains { $0.path == "/v1/refunds" })
        }
    }

    @Test("A wrong secret key is a permanent 'unauthorized' error")
    func wrongKey() async throws {
        try await Self.withStripe { stripe, provider in
            // setup
            let wrong = StripePaymentProvider(secretKey: "sk_test_wrong", apiBaseURL: provider.apiBaseURL)

            // act
            let error = await #expect(throws: PaymentProviderError.self) { try await wrong.createPayment(Self.request) }

            // check
            #expect(error?.kind == .unauthorized)
            #expect(error?.isTransient == false)
            #expect(error?.message.contains("Invalid API Key") == true)
            #expect(error?.message.contains("sk_test_wrong") == false)
        }
    }

    @Test("Details: Stripe's session states become the shop's payment states", arguments: [
        (FakeStripe.session(id: "cs_a", status: "complete", paymentStatus: "paid", intentStatus: "succeeded", refunded: 500, threeDSecure: true),
         PaymentStatus.succeeded, 500, true, nil as String?),
        (FakeStripe.session(id: "cs_a", status: "open", paymentStatus: "unpaid"), .pending, 0, false, nil),
        (FakeStripe.session(id: "cs_a", status: "open", paymentStatus: "unpaid", intentStatus: "requires_payment_method",
                            declineCode: "insufficient_funds"), .pending, 0, false, "provision insuffisante"),
        (FakeStripe.session(id: "cs_a", status: "expired", paymentStatus: "unpaid"), .expired, 0, false, nil),
        (FakeStripe.session(id: "cs_a", status: "complete", paymentStatus: "unpaid", intentStatus: "requires_payment_method",
                            declineCode: "expired_card"), .refused, 0, false, "carte expirée"),
        (FakeStripe.session(id: "cs_a", status: "complete", paymentStatus: "unpaid", intentStatus: "processing"), .pending, 0, false, nil),
    ])
    func details(json: String, status: PaymentStatus, refunded: Int, threeDSecure: Bool, reason: String?) async throws {
        try await Self.withStripe { stripe, provider in
            // setup
            stripe.setSession("cs_a", json: json)

            // act
            let details = try await provider.paymentDetails(reference: "cs_a")

            // check
            #expect(details.status == status)
            #expect(details.amount == 4_750)
            #expect(details.currency == "EUR")
            #expect(details.orderReference == "CMD-000326")
            #expect(details.refundedAmount == refunded)
            #expect(details.threeDSecure == threeDSecure)
            if let reason { #expect(details.failureReason?.contains(reason) == true) }
            let query = stripe.calls.last?.query.removingPercentEncoding ?? ""
            #expect(query.contains("expand[]=payment_intent"))
        }
    }

    @Test("Unknown session: not found; Stripe down: transient; no answer at all: transient")
    func errors() async throws {
        try await Self.withStripe { stripe, provider in
            // act
            let unknown = await #expect(throws: PaymentProviderError.self) { try await provider.paymentDetails(reference: "cs_nope") }
            stripe.failEverything(with: 503)
            let down = await #expect(throws: PaymentProviderError.self) { try await provider.paymentDetails(reference: "cs_nope") }
            let nobody = StripePaymentProvider(secretKey: FakeStripe.secretKey, apiBaseURL: "http://127.0.0.1:9", timeout: .seconds(2))
            let unreachable = await #expect(throws: PaymentProviderError.self) { try await nobody.paymentDetails(reference: "cs_a") }

            // check
            #expect(unknown?.kind == .notFound)
            #expect(unknown?.isTransient == false)
            #expect(down?.kind == .unavailable)
            #expect(down?.isTransient == true)
            #expect(unreachable?.kind == .transport)
            #expect(unreachable?.isTransient == true)
        }
    }

    @Test("Refunds post the payment intent and amount, with the idempotency key; too much is refused before calling Stripe")
    func refunds() async throws {
        try await Self.withStripe { stripe, provider in
            // setup
            stripe.setSession("cs_paid", json: FakeStripe.session(id: "cs_paid", status: "complete", paymentStatus: "paid",
                                                                   intentStatus: "succeeded", refunded: 1_000))

            // act
            let refund = try await provider.refund(reference: "cs_paid", amount: 2_000, idempotencyKey: "rbt-326-1")
            let tooMuch = await #expect(throws: PaymentProviderError.self) {
                try await provider.refund(reference: "cs_paid", amount: 3_751)
            }

            // check
            #expect(refund == RefundResult(refundID: "re_test_1", amount: 2_000, totalRefunded: 3_000))
            let posts = stripe.calls.filter { $0.path == "/v1/refunds" }
            #expect(posts.count == 1)
            #expect(posts.first?.fields["payment_intent"] == "pi_test_1")
            #expect(posts.first?.fields["amount"] == "2000")
            #expect(posts.first?.idempotencyKey == "rbt-326-1")
            #expect(tooMuch?.kind == .refundRejected)
        }
    }
}
