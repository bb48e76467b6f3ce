import AsyncHTTPClient
import Foundation
import NIOCore

/// Stripe Checkout behind the shop's `PaymentProvider`: a Checkout Session is the payment, its id
/// the reference. Stripe's webhooks (configured in its dashboard, checked with `StripeWebhook`)
/// replace `PaymentRequest.notificationURL`, which this adapter does not send.
public struct StripePaymentProvider: PaymentProvider {
    public let apiBaseURL: String
    private let secretKey: String
    private let http: ProviderHTTP

    /// - Parameters:
    ///   - secretKey: `sk_live_…` / `sk_test_…` (or a restricted key with Checkout and refunds).
    ///   - apiBaseURL: Stripe's API; tests point it to a local fake.
    public init(secretKey: String, apiBaseURL: String = "https://api.stripe.com", httpClient: HTTPClient = .shared,
                timeout: TimeAmount = .seconds(20)) {
        self.secretKey = secretKey
        self.apiBaseURL = apiBaseURL.hasSuffix("/") ? String(apiBaseURL.dropLast()) : apiBaseURL
        self.http = ProviderHTTP(client: httpClient, timeout: timeout)
    }

    public func createPayment(_ request: PaymentRequest) async throws -> PaymentCreation {
        let reply = try await http.send(.POST, "\(apiBaseURL)/v1/checkout/sessions", headers: headers(),
                                        body: Self.sessionForm(request).encoded)
        let session = try ProviderHTTP.decode(StripeCheckoutSession.self, from: reply, errorMessage: Self.errorText)
        guard let url = session.url else {
            throw PaymentProviderError(.invalidResponse, statusCode: reply.status, message: "session Checkout sans URL")
        }
        return PaymentCreation(reference: session.id, redirectURL: url)
    }

    public func paymentDetails(reference: String) async throws -> PaymentDetails {
        try await session(reference).details
    }

    public func refund(reference: String, amount: Int, idempotencyKey: String?) async throws -> RefundResult {
        let session = try await session(reference)
        let details = session.details
        guard details.status == .succeeded, let intentID = session.paymentIntentID else {
            throw PaymentProviderError(.refundRejected, message: "paiement \(reference) non remboursable (\(details.status.rawValue))")
        }
        guard amount > 0, amount <= details.refundableAmount else {
            throw PaymentProviderError(.refundRejected, message: "remboursement de \(amount) centimes refusé : \(details.refundableAmount) remboursables")
        }
        var form = StripeForm()
        form.add("payment_intent", intentID)
        form.add("amount", String(amount))
        form.add("metadata[order_reference]", details.orderReference)
        var headers = headers()
        if let idempotencyKey { headers.append(("Idempotency-Key", idempotencyKey)) }
        let reply = try await http.send(.POST, "\(apiBaseURL)/v1/refunds", headers: headers, body: form.encoded)
        if reply.status == 400, Self.isRefundRefusal(reply) {
            throw PaymentProviderError(.refundRejected, statusCode: reply.status, message: Self.errorText(reply))
        }
        let refund = try ProviderHTTP.decode(StripeRefund.self, from: reply, errorMessage: Self.errorText)
        return RefundResult(refundID: refund.id, amount: refund.amount, totalRefunded: details.refundedAmount + refund.amount)
    }

    private func session(_ reference: String) async throws -> StripeCheckoutSession {
        guard !reference.isEmpty, reference.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw PaymentProviderError(.notFound, message: "référence de session Stripe invalide")
        }
        let query = "expand[]=payment_intent&expand[]=payment_intent.latest_charge"
            .replacingOccurrences(of: "[", with: "%5B").replacingOccurrences(of: "]", with: "%5D")
        let reply = try await http.send(.GET, "\(apiBaseURL)/v1/checkout/sessions/\(reference)?\(query)", headers: headers())
        return try ProviderHTTP.decode(StripeCheckoutSession.self, from: reply, errorMessage: Self.errorText)
    }

    private func headers() -> [(String, String)] {
        [("Authorization", "Bearer \(secretKey)"), ("Content-Type", "application/x-www-form-urlencoded"),
         ("Stripe-Version", Self.apiVersion)]
    }

    /// Pinned so that a change of the account's default version cannot change the JSON we read.
    static let apiVersion = "2024-06-20"

    static func sessionForm(_ request: PaymentRequest) -> StripeForm {
        var form = StripeForm()
        form.add("mode", "payment")
        form.add("line_items[0][quantity]", "1")
        form.add("line_items[0][price_data][currency]", request.currency.lowercased())
        form.add("line_items[0][price_data][unit_amount]", String(request.amount))
        form.add("line_items[0][price_data][product_data][name]", "Commande \(request.orderReference) — \(request.beneficiary)")
        // Stripe fills in the session id: the shop's return page reads `token` whatever the provider.
        form.add("success_url", appendingToken(to: request.returnURL))
        form.add("cancel_url", appendingToken(to: request.cancelURL))
        form.add("client_reference_id", request.orderReference)
        form.add("metadata[order_reference]", request.orderReference)
        form.add("payment_intent_data[metadata][order_reference]", request.orderReference)
        form.add("customer_email", request.customerEmail)
        form.add("locale", "fr")
        return form
    }

    static func appendingToken(to url: String) -> String {
        url + (url.contains("?") ? "&" : "?") + "token={CHECKOUT_SESSION_ID}"
    }

    static func isRefundRefusal(_ reply: ProviderHTTP.Reply) -> Bool {
        let code = (try? JSONDecoder().decode(StripeErrorBody.self, from: reply.body))?.error.code
        return ["charge_already_refunded", "amount_too_large", "charge_disputed"].contains(code ?? "")
    }

    static func errorText(_ reply: ProviderHTTP.Reply) -> String {
        if let body = try? JSONDecoder().decode(StripeErrorBody.self, from: reply.body) {
            return [body.error.code, body.error.message].compactMap { $0 }.joined(separator: " — ")
        }
        return String(decoding: reply.body.prefix(300), as: UTF8.self)
    }
}
