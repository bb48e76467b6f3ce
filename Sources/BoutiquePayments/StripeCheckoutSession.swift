import Foundation

/// The parts of a Stripe Checkout Session (with its payment intent and latest charge expanded)
/// the shop reads.
struct StripeCheckoutSession: Decodable, Sendable {
    let id: String
    let url: String?
    /// `open`, `complete` or `expired`.
    let status: String?
    /// `paid`, `unpaid` or `no_payment_required`.
    let paymentStatus: String?
    let amountTotal: Int?
    let currency: String?
    let clientReferenceID: String?
    let metadata: [String: String]?
    let paymentIntent: Expandable<StripePaymentIntent>?

    enum CodingKeys: String, CodingKey {
        case id, url, status, metadata, currency
        case paymentStatus = "payment_status"
        case amountTotal = "amount_total"
        case clientReferenceID = "client_reference_id"
        case paymentIntent = "payment_intent"
    }

    var intent: StripePaymentIntent? { paymentIntent?.object }
    var paymentIntentID: String? { paymentIntent?.id }

    var details: PaymentDetails {
        let charge = intent?.latestCharge?.object
        return PaymentDetails(
            reference: id, status: paymentStatusForShop, amount: amountTotal ?? 0,
            currency: (currency ?? "eur").uppercased(),
            orderReference: clientReferenceID ?? metadata?["order_reference"] ?? "",
            refundedAmount: charge?.amountRefunded ?? 0,
            failureReason: failureReason,
            threeDSecure: charge?.paymentMethodDetails?.card?.threeDSecure != nil)
    }

    /// Stripe has no "refused" session: a session stays open while the customer may try another
    /// card, and an asynchronous payment that failed leaves a complete, unpaid session whose
    /// intent wants a new payment method.
    var paymentStatusForShop: PaymentStatus {
        if paymentStatus == "paid" || paymentStatus == "no_payment_required" { return .succeeded }
        if status == "expired" { return .expired }
        if intent?.status == "canceled" { return .cancelled }
        if status == "complete", intent?.status == "requires_payment_method" { return .refused }
        return .pending
    }

    var failureReason: String? {
        guard paymentStatusForShop != .succeeded, let error = intent?.lastPaymentError else { return nil }
        return StripeDeclineReason.french(code: error.code, declineCode: error.declineCode)
    }
}

struct StripePaymentIntent: Decodable, Sendable {
    let id: String
    let status: String?
    let lastPaymentError: StripeError?
    let latestCharge: Expandable<StripeCharge>?

    enum CodingKeys: String, CodingKey {
        case id, status
        case lastPaymentError = "last_payment_error"
        case latestCharge = "latest_charge"
    }
}

struct StripeCharge: Decodable, Sendable {
    let id: String
    let amountRefunded: Int?
    let paymentMethodDetails: PaymentMethodDetails?

    struct PaymentMethodDetails: Decodable, Sendable {
        let card: Card?
    }

    struct Card: Decodable, Sendable {
        /// Present when the payment went through 3-D Secure.
        let threeDSecure: ThreeDSecure?

        enum CodingKeys: String, CodingKey { case threeDSecure = "three_d_secure" }
    }

    struct ThreeDSecure: Decodable, Sendable {
        let result: String?
    }

    enum CodingKeys: String, CodingKey {
        case id
        case amountRefunded = "amount_refunded"
        case paymentMethodDetails = "payment_method_details"
    }
}

/// Stripe's `error` object, in error bodies and as `last_payment_error`.
struct StripeError: Decodable, Sendable {
    let type: String?
    let code: String?
    let declineCode: String?
    let message: String?

    enum CodingKeys: String, CodingKey {
        case type, code, message
        case declineCode = "decline_code"
    }
}

struct StripeErrorBody: Decodable, Sendable {
    let error: StripeError
}

struct StripeRefund: Decodable, Sendable {
    let id: String
    let amount: Int
    let status: String?
}

/// A field Stripe sends as an id, or as the object when it was expanded.
enum Expandable<T: Decodable & Sendable>: Decodable, Sendable {
    case id(String)
    case expanded(T)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let id = try? container.decode(String.self) {
            self = .id(id)
        } else {
            self = .expanded(try container.decode(T.self))
        }
    }

    var object: T? {
        if case .expanded(let object) = self { return object }
        return nil
    }
}

extension Expandable where T == StripePaymentIntent {
    var id: String {
        switch self {
        case .id(let id): id
        case .expanded(let intent): intent.id
        }
    }
}

/// French words for the customer, from Stripe's error and decline codes.
enum StripeDeclineReason {
    static func french(code: String?, declineCode: String?) -> String {
        switch declineCode ?? code {
        case "insufficient_funds": "Paiement refusé : provision insuffisante."
        case "expired_card": "Paiement refusé : carte expirée."
        case "incorrect_cvc", "invalid_cvc": "Paiement refusé : cryptogramme incorrect."
        case "authentication_required", "payment_intent_authentication_failure":
            "Paiement refusé : l'authentification 3-D Secure a échoué."
        case "card_velocity_exceeded", "withdrawal_count_limit_exceeded": "Paiement refusé : plafond de la carte atteint."
        default: "Paiement refusé par la banque."
        }
    }
}
