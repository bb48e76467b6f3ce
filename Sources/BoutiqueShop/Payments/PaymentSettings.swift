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

    public init(providerName: String, provider: any PaymentProvider, publicURL: String, beneficiary: String) {
        self.providerName = providerName
        self.provider = provider
        self.publicURL = publicURL
        self.beneficiary = beneficiary
    }
}
