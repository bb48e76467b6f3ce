/// A provider call that failed. `isTransient` decides what the shop does: try again later (network,
/// time-out, 5xx, rate limit) or stop and report (bad credentials, unknown reference, refused input).
public struct PaymentProviderError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// No answer: connection refused or reset, DNS, time-out.
        case transport
        /// The provider failed (5xx) or asked us to slow down (429).
        case unavailable
        /// The merchant credentials were refused (401/403): a configuration problem.
        case unauthorized
        /// The provider knows no payment with that reference (404).
        case notFound
        /// The refund exceeds what is left, or the payment cannot be refunded.
        case refundRejected
        /// The provider refused the request (another 4xx).
        case rejected
        /// The provider answered something we cannot read.
        case invalidResponse
    }

    public let kind: Kind
    /// The HTTP status, when the provider answered.
    public let statusCode: Int?
    /// For logs and operators, not for customers.
    public let message: String

    public init(_ kind: Kind, statusCode: Int? = nil, message: String) {
        self.kind = kind
        self.statusCode = statusCode
        self.message = message
    }

    /// Trying the same call again later may succeed.
    public var isTransient: Bool { kind == .transport || kind == .unavailable }

    public var description: String {
        let status = statusCode.map { " (HTTP \($0))" } ?? ""
        return "Prestataire de paiement, \(kind.rawValue)\(status) : \(message)"
    }

    /// The usual meaning of an HTTP error status; `refundRejected` is decided by the caller.
    static func from(status: Int, message: String) -> PaymentProviderError {
        switch status {
        case 401, 403: PaymentProviderError(.unauthorized, statusCode: status, message: message)
        case 404: PaymentProviderError(.notFound, statusCode: status, message: message)
        case 408, 425, 429, 500...599: PaymentProviderError(.unavailable, statusCode: status, message: message)
        default: PaymentProviderError(.rejected, statusCode: status, message: message)
        }
    }
}
