import BoutiqueCore
import BoutiquePayments

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
