import BoutiqueCore

/// One invoiced line: cards of one face value.
public struct InvoiceLine: Sendable, Hashable {
    public var product: String
    public var faceValue: Money
    public var quantity: Int
    public var rate: DiscountRate

    public init(product: String, faceValue: Money, quantity: Int, rate: DiscountRate) {
        self.product = product
        self.faceValue = faceValue
        self.quantity = quantity
        self.rate = rate
    }
}
