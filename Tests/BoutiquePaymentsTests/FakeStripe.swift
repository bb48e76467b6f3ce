import BoutiqueCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOFoundationCompat
import Synchronization

/// A local stand-in for Stripe's API: checks the Bearer key, records the form fields of each
/// call, and answers the sessions a test puts in it.
final class FakeStripe: Sendable {
    static let secretKey = "sk_test_boutique"

    struct Call: Sendable {
        let method: String
        let path: String
        let query: String
        let fields: [String: String]
        let idempotencyKey: String?
    }

    private let state = Mutex<(calls: [Call], sessions: [String: String], failWith: Int?)>(([], [:], nil))

    var calls: [Call] { state.withLock { $0.calls } }

    /// The JSON answered for `GET /v1/checkout/sessions/{id}`.
    func setSession(_ id: String, json: String) {
        state.withLock { $0.sessions[id] = json }
    }

    /// Every call answers this status from now on (a Stripe outage).
    func failEverything(with status: Int) {
        state.withLock { $0.failWith = status }
    }

    var router: Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.post("/v1/checkout/sessions") { request, _ in
            try await self.handle(request, path: "/v1/checkout/sessions") { fields in
                let id = "cs_test_\(self.calls.count)"
                self.setSession(id, json: Self.session(id: id, status: "open", paymentStatus: "unpaid",
                                                       amount: Int(fields["line_items[0][price_data][unit_amount]"] ?? "") ?? 0))
                return (200, """
                    {"id": "\(id)", "object": "checkout.session", "url": "https://checkout.stripe.test/c/pay/\(id)",
                     "status": "open", "payment_status": "unpaid"}
                    """)
            }
        }
        router.get("/v1/checkout/sessions/:id") { request, context in
            let id = context.parameters.get("id") ?? ""
            return try await self.handle(request, path: "/v1/checkout/sessions/\(id)") { _ in
                guard let json = self.state.withLock({ $0.sessions[id] }) else {
                    return (404, #"{"error": {"type": "invalid_request_error", "code": "resource_missing", "message": "No such checkout.session"}}"#)
                }
                return (200, json)
            }
        }
        router.post("/v1/refunds") { request, _ in
            try await self.handle(request, path: "/v1/refunds") { fields in
                (200, #"{"id": "re_test_1", "object": "refund", "amount": \#(fields["amount"] ?? "0"), "status": "succeeded"}"#)
            }
        }
        return router
    }

    private func handle(_ request: Request, path: String, _ answer: @Sendable ([String: String]) -> (Int, String)) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 65_536)
        let fields = Self.form(String(buffer: body))
        state.withLock {
            $0.calls.append(Call(method: request.method.rawValue, path: path, query: request.uri.query ?? "", fields: fields,
                                 idempotencyKey: request.headers[HTTPField.Name("Idempotency-Key")!]))
        }
        if let status = state.withLock({ $0.failWith }) {
            return Self.json(status, #"{"error": {"type": "api_error", "message": "Stripe is down"}}"#)
        }
        guard request.headers[.authorization] == "Bearer \(Self.secretKey)" else {
            return Self.json(401, #"{"error": {"type": "invalid_request_error", "message": "Invalid API Key provided"}}"#)
        }
        guard request.method == .get || request.headers[.contentType] == "application/x-www-form-urlencoded" else {
            return Self.json(400, #"{"error": {"type": "invalid_request_error", "message": "form body expected"}}"#)
        }
        let (status, json) = answer(fields)
        return Self.json(status, json)
    }

    static func json(_ status: Int, _ text: String) -> Response {
        Response(status: .init(code: status), headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func form(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            fields[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return fields
    }

    /// A Checkout Session as Stripe returns it with `payment_intent.latest_charge` expanded.
    static func session(id: String, status: String, paymentStatus: String, amount: Int = 4_750, intentStatus: String? = nil,
                        declineCode: String? = nil, refunded: Int = 0, threeDSecure: Bool = false) -> String {
        let error = declineCode.map { #"{"type": "card_error", "code": "card_declined", "decline_code": "\#($0)", "message": "Your card was declined."}"# } ?? "null"
        let secure = threeDSecure ? #"{"result": "authenticated", "version": "2.2.0"}"# : "null"
        let intent = intentStatus.map { intentStatus in
            """
            {"id": "pi_test_1", "object": "payment_intent", "status": "\(intentStatus)", "last_payment_error": \(error),
             "latest_charge": {"id": "ch_test_1", "object": "charge", "amount_refunded": \(refunded),
               "payment_method_details": {"type": "card", "card": {"brand": "visa", "last4": "4242", "three_d_secure": \(secure)}}}}
            """
        } ?? "null"
        return """
            {"id": "\(id)", "object": "checkout.session", "url": null, "status": "\(status)", "payment_status": "\(paymentStatus)",
             "amount_total": \(amount), "currency": "eur", "client_reference_id": "CMD-000326",
             "metadata": {"order_reference": "CMD-000326"}, "payment_intent": \(intent)}
            """
    }
}
