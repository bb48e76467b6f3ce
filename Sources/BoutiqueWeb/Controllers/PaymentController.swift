import BoutiquePayments
import BoutiqueShop
import Foundation
import HTTPTypes
import Hummingbird

/// Paying an order: to the provider's page, back from it, and the provider's notifications.
struct PaymentController {
    let payments: Payments
    let notifications: NotificationVerifier
    let renderer: PageRenderer

    /// The employee's payment steps.
    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.post("/commandes/:id/payer", use: pay)
        router.get("/paiement/retour", use: returned)
        router.get("/paiement/annule", use: cancelled)
    }

    /// The providers' server-to-server notifications: signed, not logged in.
    func addNotificationRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.post("/paiement/notification/:provider", use: notification)
    }

    @Sendable func pay(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        guard let id = context.parameters.get("id", as: UUID.self), let outcome = try await payments.start(actor: actor, orderID: id) else {
            throw HTTPError(.notFound)
        }
        switch outcome {
        case .redirect(let url): return .seeOther(url)
        case .notPayable:
            return try resultPage(context, PaymentResultView(title: "Paiement impossible", message: PaymentMessages.notPayable, kind: "error",
                                                             advice: [], retryOrder: nil), status: .conflict)
                .response(from: request, context: context)
        case .providerUnavailable:
            var response = try resultPage(context, PaymentResultView(title: "Paiement impossible", message: PaymentMessages.providerDown,
                                                                     kind: "error", advice: [], retryOrder: nil), status: .serviceUnavailable)
                .response(from: request, context: context)
            response.headers[.retryAfter] = "120"
            return response
        }
    }

    @Sendable func returned(_ request: Request, context: AppRequestContext) async throws -> HTML {
        try await back(request, context: context, cancelled: false)
    }

    @Sendable func cancelled(_ request: Request, context: AppRequestContext) async throws -> HTML {
        try await back(request, context: context, cancelled: true)
    }

    private func back(_ request: Request, context: AppRequestContext, cancelled: Bool) async throws -> HTML {
        let actor = try AuthGuard.actor(context)
        guard let id = request.formQuery.get("commande").flatMap(UUID.init(uuidString:)),
              let outcome = try await payments.returned(actor: actor, orderID: id, cancelled: cancelled) else {
            throw HTTPError(.notFound)
        }
        var status = HTTPResponse.Status.ok
        let page: PaymentResultView
        switch outcome {
        case .awaitingConfirmation(let reference):
            page = PaymentResultView(title: "Commande \(reference)", message: PaymentMessages.awaitingConfirmation, kind: "notice", advice: [],
                                     retryOrder: nil, trackOrder: id.uuidString)
        case .refused(let reference, let reason):
            // A refusal is the payment's failure, not the page's: 402, with the guide's advice.
            status = HTTPResponse.Status(code: 402, reasonPhrase: "Payment Required")
            page = PaymentResultView(title: "Commande \(reference)", message: PaymentMessages.refused + (reason.map { " \($0)" } ?? ""),
                                     kind: "error", advice: PaymentMessages.advice, retryOrder: id.uuidString)
        case .cancelled(let reference):
            page = PaymentResultView(title: "Commande \(reference)", message: PaymentMessages.cancelled, kind: "warning", advice: [],
                                     retryOrder: id.uuidString)
        case .notPaid(let reference):
            page = PaymentResultView(title: "Commande \(reference)", message: PaymentMessages.notPaid, kind: "warning", advice: [],
                                     retryOrder: id.uuidString)
        case .unknown(let reference):
            page = PaymentResultView(title: "Commande \(reference)", message: PaymentMessages.unknown, kind: "notice", advice: [],
                                     retryOrder: nil)
        }
        return resultPage(context, page, status: status)
    }

    /// A payment awaiting its confirmation goes on to the order's steps, which refresh themselves.
    private func resultPage(_ context: AppRequestContext, _ page: PaymentResultView, status: HTTPResponse.Status) -> HTML {
        let refresh = page.trackOrder.map { "\(OrderTrackingView.refreshSeconds);url=/compte/commandes/\($0)" }
        return HTML(body: renderer.render("payment-result", title: page.title, context: context, refresh: refresh, content: page), status: status)
    }

    /// Server-to-server: checks the sender, records the notification, queues the check. Answers
    /// 200 for any well-formed notification, known or not, so the provider stops retrying.
    @Sendable func notification(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let body = Data(buffer: try await request.collectBody(upTo: 64 * 1_024))
        let provider = context.parameters.get("provider") ?? ""
        guard let reference = notifications.reference(provider: provider, body: body, headers: request.headers) else {
            return ProblemResponse.make(status: .badRequest, code: "invalid_notification",
                                        detail: "Notification refusée : signature ou contenu invalide.")
        }
        try await payments.notified(provider: provider, reference: reference)
        return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "OK\n")))
    }
}

/// Checks who sent a notification and extracts the payment's reference from it.
struct NotificationVerifier: Sendable {
    /// The shared secret of the sandbox's `Sandbox-Signature` header.
    let sandboxSecret: String?
    /// Stripe's webhook signing secret.
    let stripeSecret: String?

    func reference(provider: String, body: Data, headers: HTTPFields) -> String? {
        switch provider {
        case "sandbox":
            guard let secret = sandboxSecret, let header = headers[.sandboxSignature] else { return nil }
            return try? SandboxNotification.verify(payload: body, signatureHeader: header, secret: secret)
        case "stripe":
            guard let secret = stripeSecret, let header = headers[.stripeSignature],
                  let event = try? StripeWebhook.verify(payload: body, signatureHeader: header, secret: secret) else { return nil }
            return event.sessionID
        default:
            return nil
        }
    }
}

struct PaymentResultView {
    let title: String
    let message: String
    let kind: String
    let advice: [String]
    /// The order to pay again, when a retry is possible.
    let retryOrder: String?
    /// The order whose steps to follow, while its payment awaits confirmation.
    let trackOrder: String?
    /// Stored, not computed: templates read properties through reflection.
    let hasAdvice: Bool

    init(title: String, message: String, kind: String, advice: [String], retryOrder: String?, trackOrder: String? = nil) {
        self.trackOrder = trackOrder
        self.title = title
        self.message = message
        self.kind = kind
        self.advice = advice
        self.retryOrder = retryOrder
        hasAdvice = !advice.isEmpty
    }
}

/// RFC 9457 problem responses for machine clients.
enum ProblemResponse {
    static func make(status: HTTPResponse.Status, code: String, title: String? = nil, detail: String, requestID: String? = nil) -> Response {
        var json = #"{"type":"/api/problems/\#(code)","title":\#(ErrorPage.jsonString(title ?? code)),"status":\#(status.code),"detail":\#(ErrorPage.jsonString(detail))"#
        if let requestID { json += #","requestId":\#(ErrorPage.jsonString(requestID))"# }
        return Response(status: status, headers: [.contentType: "application/problem+json"],
                        body: .init(byteBuffer: ByteBuffer(string: json + "}")))
    }
}
