/// What the shop asks a provider to prepare: the amount of one order and where to send the
/// customer and the notifications afterwards.
public struct PaymentRequest: Sendable, Equatable {
    /// Integer cents, never a floating-point number.
    public var amount: Int
    /// ISO 4217 code; the shop sells in euros.
    public var currency: String
    /// The order's human number, e.g. `CMD-000326`, shown on the hosted page.
    public var orderReference: String
    /// The merchant label shown to the customer ("Bénéficiaire").
    public var beneficiary: String
    /// Pre-fills the provider's receipt e-mail when it has one.
    public var customerEmail: String?
    /// Where the browser goes after the outcome; the provider appends the payment's reference.
    public var returnURL: String
    /// Where the browser goes when the customer cancels.
    public var cancelURL: String
    /// Where the provider calls, server to server, when the outcome is final.
    public var notificationURL: String

    public init(amount: Int, currency: String = "EUR", orderReference: String, beneficiary: String,
                customerEmail: String? = nil, returnURL: String, cancelURL: String, notificationURL: String) {
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
