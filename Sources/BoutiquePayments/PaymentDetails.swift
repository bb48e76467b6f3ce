/// Where a payment stands, as the provider says.
public enum PaymentStatus: String, Sendable, Equatable, Codable, CaseIterable {
    /// The customer has not finished on the hosted page yet (or the bank has not answered).
    case pending
    /// Authorised or captured: the money is the merchant's; the order can be validated.
    case succeeded
    /// The bank or 3-D Secure said no.
    case refused
    /// The customer cancelled on the hosted page.
    case cancelled
    /// The customer left the hosted page without an outcome until it expired.
    case expired

    /// No later change is possible (a refund does not change the status, only `refundedAmount`).
    public var isFinal: Bool { self != .pending }
}

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

/// A refund the provider accepted.
public struct RefundResult: Sendable, Equatable {
    /// The provider's id for this refund.
    public var refundID: String
    /// Cents refunded by this refund.
    public var amount: Int
    /// Cents refunded on the payment so far, this refund included.
    public var totalRefunded: Int

    public init(refundID: String, amount: Int, totalRefunded: Int) {
        self.refundID = refundID
        self.amount = amount
        self.totalRefunded = totalRefunded
    }
}
