/// The provider's view of one payment: the only source of truth for the order.
public struct PaymentDetails: Sendable, Equatable {
    public var reference: String
    public var status: PaymentStatus
    /// Integer cents.
    public var amount: Int
    public var currency: String
    /// The shop's order number the payment was created for: check it matches the order.
    public var orderReference: String
    /// Cents refunded so far (0 when none).
    public var refundedAmount: Int
    /// Why the payment failed, in French for the customer, when it did.
    public var failureReason: String?
    /// Whether the bank asked for a 3-D Secure challenge (the "SMS").
    public var threeDSecure: Bool

    public init(reference: String, status: PaymentStatus, amount: Int, currency: String, orderReference: String,
                refundedAmount: Int = 0, failureReason: String? = nil, threeDSecure: Bool = false) {
        self.reference = reference
        self.status = status
        self.amount = amount
        self.currency = currency
        self.orderReference = orderReference
        self.refundedAmount = refundedAmount
        self.failureReason = failureReason
        self.threeDSecure = threeDSecure
    }

    /// Cents that can still be refunded.
    public var refundableAmount: Int { status == .succeeded ? max(0, amount - refundedAmount) : 0 }
}
