import BoutiqueCore
import Foundation

/// A product as one CSE sells it: the product's facts and that CSE's negotiated rate.
public struct CatalogueOffer: Sendable, Equatable {
    public let productID: UUID
    public let slug: String
    public let name: String
    public let retailer: String
    public let description: String
    public let usageConditions: String
    public let rate: DiscountRate
    public let amounts: AmountRule
    public let maxQuantity: Int
    public let validity: CardValidity
}

/// What a product can be loaded with: a free whole-euro amount in a range, or fixed values.
public enum AmountRule: Sendable, Equatable {
    case free(min: Money, max: Money)
    case denominations([Money])

    /// The lowest amount a card can hold, for "à partir de 10,00 €".
    public var lowest: Money {
        switch self {
        case .free(let min, _): min
        case .denominations(let values): values.min() ?? .zero
        }
    }
}
