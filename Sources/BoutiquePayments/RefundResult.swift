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
