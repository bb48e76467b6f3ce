/// A prepared payment: the provider's reference and the hosted page to send the browser to.
public struct PaymentCreation: Sendable, Equatable {
    /// The provider's reference (the sandbox's token, Stripe's Checkout Session id): keep it with
    /// the order, every later question uses it.
    public var reference: String
    /// The hosted payment page; redirect the customer's browser there (303).
    public var redirectURL: String

    public init(reference: String, redirectURL: String) {
        self.reference = reference
        self.redirectURL = redirectURL
    }
}
