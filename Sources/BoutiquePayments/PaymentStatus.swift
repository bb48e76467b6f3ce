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
