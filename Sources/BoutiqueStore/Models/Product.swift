import BoutiqueCore
import FluentKit
import Foundation

/// An e-card type sold in the shop, e.g. a retailer's "e-Carte Économies".
public final class Product: Model, @unchecked Sendable {
    public static let schema = "products"

    @ID(key: .id) public var id: UUID?
    @Field(key: "slug") public var slug: String
    @Field(key: "name") public var name: String
    @Field(key: "retailer") public var retailer: String
    @Field(key: "description") public var description: String
    /// Free amounts in whole euros between `min_amount_cents` and `max_amount_cents`, unless
    /// `denominations_cents` lists fixed values.
    @Field(key: "min_amount_cents") public var minAmountCents: Int
    @Field(key: "max_amount_cents") public var maxAmountCents: Int
    @Field(key: "denominations_cents") public var denominationsCents: [Int]
    @Field(key: "max_quantity") public var maxQuantity: Int
    @Field(key: "validity_months") public var validityMonths: Int
    /// "Utilisable sur tout le magasin sauf carburant".
    @Field(key: "usage_conditions") public var usageConditions: String
    /// Spending categories a till may not debit, e.g. `fuel`.
    @Field(key: "excluded_categories") public var excludedCategories: [String]
    /// The rate a CSE gets unless it negotiated its own, in basis points (500 = 5 %).
    @Field(key: "default_discount_bp") public var defaultDiscountBasisPoints: Int
    @Field(key: "is_enabled") public var isEnabled: Bool
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(id: UUID? = nil, slug: String, name: String, retailer: String, description: String,
                minAmountCents: Int, maxAmountCents: Int, denominationsCents: [Int] = [], maxQuantity: Int,
                validityMonths: Int = 12, usageConditions: String, excludedCategories: [String],
                defaultDiscountBasisPoints: Int, isEnabled: Bool = true) {
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
