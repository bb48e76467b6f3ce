import BoutiqueCore
import BoutiqueStore
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

    public init(_ product: Product) throws {
        id = try product.requireID()
        slug = product.slug
        name = product.name
        retailer = product.retailer
        description = product.description
        minAmountCents = product.minAmountCents
        maxAmountCents = product.maxAmountCents
        denominationsCents = product.denominationsCents
        maxQuantity = product.maxQuantity
        validityMonths = product.validityMonths
        usageConditions = product.usageConditions
        excludedCategories = product.excludedCategories
        defaultDiscountBasisPoints = product.defaultDiscountBasisPoints
        isEnabled = product.isEnabled
    }
}
