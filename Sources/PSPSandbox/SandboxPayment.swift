import BoutiqueCore
import BoutiquePayments
import Foundation

/// One web payment as the sandbox keeps it.
struct SandboxPayment: Sendable, Equatable {
    var token: String
    var merchantID: String
    var amount: Int
    var currency: String
    var orderReference: String
    var beneficiary: String
    var customerEmail: String?
    var returnURL: String
    var cancelURL: String
    var notificationURL: String
    var status: PaymentStatus
    var resultCode: String
    var failureReason: String?
    var threeDSecure: Bool
    /// The "SMS" code while a 3-D Secure challenge is under way.
    var challengeCode: String?
    var cardLast4: String?
    var cardBrand: String?
    /// The anti-CSRF value the hosted page's forms must send back.
    var formKey: String
    var refundedAmount: Int
    var createdAt: Int64
    var expiresAt: Int64
    var completedAt: Int64?

    var isAwaitingChallenge: Bool { status == .pending && challengeCode != nil }

    var details: SandboxAPI.Details {
        SandboxAPI.Details(
            token: token, status: status.rawValue, resultCode: resultCode, amount: amount, currency: currency,
            orderReference: orderReference, beneficiary: beneficiary, refundedAmount: refundedAmount,
            failureReason: failureReason, threeDSecure: threeDSecure, cardLast4: cardLast4, cardBrand: cardBrand,
            createdAt: Self.iso8601(createdAt), completedAt: completedAt.map(Self.iso8601))
    }

    static func iso8601(_ milliseconds: Int64) -> String {
        Date(epochMilliseconds: milliseconds).formatted(.iso8601)
    }
}
