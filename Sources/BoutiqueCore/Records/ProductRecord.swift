import Foundation

/// An e-card product as the catalogue, the product page and the operator's console show it.
public struct ProductRecord: Sendable, Equatable {
    public let id: UUID
    public let slug: String
    public let name: String
    public let retailer: String
    public let description: String
    public let minAmountCents: Int
    public let maxAmountCents: Int
    /// Fixed values; empty: any whole-euro amount between the bounds.
    public let denominationsCents: [Int]
    public let maxQuantity: Int
    public let validityMonths: Int
    public let usageConditions: String
    public let excludedCategories: [String]
    public let defaultDiscountBasisPoints: Int
    public let isEnabled: Bool

    public init(id: UUID, slug: String, name: String, retailer: String, description: String, minAmountCents: Int, maxAmountCents: Int, denominationsCents: [Int], maxQuantity: Int, validityMonths: Int, usageConditions: String, excludedCategories: [String], defaultDiscountBasisPoints: Int, isEnabled: Bool) {
        self.id = id
        self.slug = slug
        self.name = name
        self.retailer = retailer
        self.description = description
        self.minAmountCents = minAmountCents
        self.maxAmountCents = maxAmountCents
        self.denominationsCents = denominationsCents
        self.maxQuantity = maxQuantity
        self.validityMonths = validityMonths
        self.usageConditions = usageConditions
        self.excludedCategories = excludedCategories
        self.defaultDiscountBasisPoints = defaultDiscountBasisPoints
        self.isEnabled = isEnabled
    }
}
