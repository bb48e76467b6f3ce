/// The sandbox provider's merchant API on the wire (JSON), shared by its client
/// (`SandboxPaymentProvider`) and its server (the `PSPSandbox` target), so both sides agree.
///
/// Routes, under the sandbox's base URL, all with HTTP Basic merchant id / secret:
/// `POST /v1/web-payments` (`CreateRequest` → 201 `Creation`), `GET /v1/web-payments/{token}`
/// (→ `Details`), `POST /v1/web-payments/{token}/refunds` (`RefundRequest` → 201 `Refund`).
/// Errors are `application/problem+json` (`Problem`).
public enum SandboxAPI {
    public struct CreateRequest: Codable, Sendable, Equatable {
        public var amount: Int
        public var currency: String
        public var orderReference: String
        public var beneficiary: String
        public var customerEmail: String?
        public var returnURL: String
        public var cancelURL: String
        public var notificationURL: String

        public init(amount: Int, currency: String, orderReference: String, beneficiary: String, customerEmail: String?,
                    returnURL: String, cancelURL: String, notificationURL: String) {
            self.amount = amount
            self.currency = currency
            self.orderReference = orderReference
            self.beneficiary = beneficiary
            self.customerEmail = customerEmail
            self.returnURL = returnURL
            self.cancelURL = cancelURL
            self.notificationURL = notificationURL
        }
    }

    public struct Creation: Codable, Sendable, Equatable {
        public var token: String
        public var redirectURL: String

        public init(token: String, redirectURL: String) {
            self.token = token
            self.redirectURL = redirectURL
        }
    }

    public struct Details: Codable, Sendable, Equatable {
        public var token: String
        /// A `PaymentStatus` raw value.
        public var status: String
        /// Payline-style result code: `00000` accepted, `02306` waiting for the customer, …
        public var resultCode: String
        public var amount: Int
        public var currency: String
        public var orderReference: String
        public var beneficiary: String
        public var refundedAmount: Int
        public var failureReason: String?
        public var threeDSecure: Bool
        /// Last four digits of the card, once the customer typed one.
        public var cardLast4: String?
        public var cardBrand: String?
        /// ISO 8601.
        public var createdAt: String
        public var completedAt: String?

        public init(token: String, status: String, resultCode: String, amount: Int, currency: String, orderReference: String,
                    beneficiary: String, refundedAmount: Int, failureReason: String?, threeDSecure: Bool,
                    cardLast4: String?, cardBrand: String?, createdAt: String, completedAt: String?) {
            self.token = token
            self.status = status
            self.resultCode = resultCode
            self.amount = amount
            self.currency = currency
            self.orderReference = orderReference
            self.beneficiary = beneficiary
            self.refundedAmount = refundedAmount
            self.failureReason = failureReason
            self.threeDSecure = threeDSecure
            self.cardLast4 = cardLast4
            self.cardBrand = cardBrand
            self.createdAt = createdAt
            self.completedAt = completedAt
        }
    }

    public struct RefundRequest: Codable, Sendable, Equatable {
        public var amount: Int
        public var idempotencyKey: String?

        public init(amount: Int, idempotencyKey: String? = nil) {
            self.amount = amount
            self.idempotencyKey = idempotencyKey
        }
    }

    public struct Refund: Codable, Sendable, Equatable {
        public var refundID: String
        public var amount: Int
        public var refundedAmount: Int

        public init(refundID: String, amount: Int, refundedAmount: Int) {
            self.refundID = refundID
            self.amount = amount
            self.refundedAmount = refundedAmount
        }
    }

    /// RFC 9457 problem details.
    public struct Problem: Codable, Sendable, Equatable {
        public var type: String
        public var title: String
        public var status: Int
        public var detail: String?

        public init(type: String, title: String, status: Int, detail: String? = nil) {
            self.type = type
            self.title = title
            self.status = status
            self.detail = detail
        }
    }

    /// Problem types the client maps to specific errors.
    public enum ProblemType {
        public static let refundExceedsBalance = "urn:boutique:psp-sandbox:refund-exceeds-balance"
        public static let notRefundable = "urn:boutique:psp-sandbox:not-refundable"
    }

    /// The body of the server-to-server notification: the token only, as Payline does. The shop
    /// must ask for the details; the `Sandbox-Signature` header (`t=…,v1=…`, HMAC-SHA256 of
    /// `t.body` with the merchant secret) lets it drop forged calls early.
    public struct Notification: Codable, Sendable, Equatable {
        public var token: String

        public init(token: String) { self.token = token }
    }

    /// The header that carries the notification's signature.
    public static let signatureHeader = "Sandbox-Signature"
}
