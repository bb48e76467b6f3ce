import BoutiqueCore

/// One invoiced line: cards of one face value.
public struct InvoiceLine: Sendable, Hashable {
    public var product: String
    public var faceValue: Money
    public var quantity: Int
    public var rate: DiscountRate
    /// The line's price when it was settled elsewhere (a credit note's refunded balance); nil
    /// to price it from the rate.
    public var price: Money?

    public init(product: String, faceValue: Money, quantity: Int, rate: DiscountRate, price: Money? = nil) {
        self.product = product
        self.faceValue = faceValue
        self.quantity = quantity
        self.rate = rate
        self.price = price
    }
}
