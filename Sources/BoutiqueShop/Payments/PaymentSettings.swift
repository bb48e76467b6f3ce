import BoutiqueCore
import BoutiquePayments

/// Which provider takes the payments and how the shop is reached by it.
public struct PaymentSettings: Sendable {
    /// `sandbox` or `stripe`: recorded with each attempt.
    public let providerName: String
    public let provider: any PaymentProvider
    /// The shop's public base URL: return, cancel and notification URLs are built on it.
    public let publicURL: String
    /// The beneficiary shown on the hosted page.
    public let beneficiary: String
    /// How long after validation the cards are issued (the real issuer takes 2 to 4 hours; the demo, none).
    public let issueDelay: Duration

    public init(providerName: String, provider: any PaymentProvider, publicURL: String, beneficiary: String, issueDelay: Duration = .zero) {
        self.providerName = providerName
        self.provider = provider
        self.publicURL = publicURL
        self.beneficiary = beneficiary
        self.issueDelay = issueDelay
    }
}
