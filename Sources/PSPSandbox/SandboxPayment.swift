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

/// A final outcome, with the Payline-style result code and the French reason the shop shows.
struct PaymentOutcome: Sendable, Equatable {
    var status: PaymentStatus
    var resultCode: String
    var failureReason: String?
    var threeDSecure: Bool

    static func accepted(threeDSecure: Bool) -> PaymentOutcome {
        PaymentOutcome(status: .succeeded, resultCode: "00000", failureReason: nil, threeDSecure: threeDSecure)
    }

    static let insufficientFunds = PaymentOutcome(status: .refused, resultCode: "01116",
                                                  failureReason: "Paiement refusé par la banque : provision insuffisante.", threeDSecure: false)
    static let expiredCard = PaymentOutcome(status: .refused, resultCode: "01133",
                                            failureReason: "Paiement refusé par la banque : carte expirée.", threeDSecure: false)
    static let authenticationFailed = PaymentOutcome(status: .refused, resultCode: "03022",
                                                     failureReason: "Échec de l'authentification 3-D Secure.", threeDSecure: true)
    static let wrongChallengeCode = PaymentOutcome(status: .refused, resultCode: "03022",
                                                   failureReason: "Échec de l'authentification 3-D Secure : code SMS incorrect.", threeDSecure: true)
    static let cancelled = PaymentOutcome(status: .cancelled, resultCode: "02319",
                                          failureReason: "Paiement annulé par l'acheteur.", threeDSecure: false)
    static let expired = PaymentOutcome(status: .expired, resultCode: "02324",
                                        failureReason: "Session de paiement expirée sans paiement.", threeDSecure: false)

    /// While the customer is still on the page.
    static let pendingCode = "02306"
}
