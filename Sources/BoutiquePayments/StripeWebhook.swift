import Foundation

/// A Stripe event the shop reacts to, read from a webhook whose signature was checked.
public struct StripeEvent: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The customer finished Checkout; `paymentStatus` says whether the money is there yet.
        case checkoutSessionCompleted
        /// A delayed payment method (SEPA debit…) succeeded.
        case checkoutSessionAsyncPaymentSucceeded
        /// A delayed payment method failed.
        case checkoutSessionAsyncPaymentFailed
        /// Any other event: acknowledge it (2xx) and ignore it.
        case other(String)

        init(type: String) {
            switch type {
            case "checkout.session.completed": self = .checkoutSessionCompleted
            case "checkout.session.async_payment_succeeded": self = .checkoutSessionAsyncPaymentSucceeded
            case "checkout.session.async_payment_failed": self = .checkoutSessionAsyncPaymentFailed
            default: self = .other(type)
            }
        }
    }

    public let id: String
    public let type: String
    public let kind: Kind
    /// The Checkout Session (the shop's payment reference), for checkout events.
    public let sessionID: String?
    /// `paid`, `unpaid` or `no_payment_required`, for checkout events.
    public let paymentStatus: String?

    public init(id: String, type: String, kind: Kind, sessionID: String?, paymentStatus: String?) {
        self.id = id
        self.type = type
        self.kind = kind
        self.sessionID = sessionID
        self.paymentStatus = paymentStatus
    }
}

/// Checks and reads Stripe's webhook calls (`Stripe-Signature` header).
public enum StripeWebhook {
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case signature(WebhookSignature.Failure)
        /// Signed, but not a Stripe event.
        case malformedEvent

        public var description: String {
            switch self {
            case .signature(let failure): "webhook Stripe rejeté : \(failure)"
            case .malformedEvent: "webhook Stripe illisible"
            }
        }
    }

    /// Verifies the `Stripe-Signature` header over the raw body (before any JSON parsing: a
    /// re-encoded body would not match), then reads the event.
    /// - Parameters:
    ///   - secret: the endpoint's signing secret (`whsec_…`).
    ///   - tolerance: seconds between the signed timestamp and `now`; Stripe's default is 300.
    public static func verify(payload: Data, signatureHeader: String, secret: String, tolerance: TimeInterval = 300,
                              now: Date = Date()) throws(Failure) -> StripeEvent {
        do {
            try WebhookSignature.verify(payload: payload, header: signatureHeader, secret: secret, tolerance: tolerance, now: now)
        } catch {
            throw .signature(error)
        }
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: payload) else { throw .malformedEvent }
        let object = envelope.data.object
        let isSession = object?.object == "checkout.session"
        return StripeEvent(id: envelope.id, type: envelope.type, kind: StripeEvent.Kind(type: envelope.type),
                           sessionID: isSession ? object?.id : nil, paymentStatus: isSession ? object?.paymentStatus : nil)
    }

    private struct Envelope: Decodable {
        let id: String
        let type: String
        let data: EventData
    }

    private struct EventData: Decodable {
        let object: EventObject?
    }

    private struct EventObject: Decodable {
        let id: String?
        let object: String?
        let paymentStatus: String?

        enum CodingKeys: String, CodingKey {
            case id, object
            case paymentStatus = "payment_status"
        }
    }
}
