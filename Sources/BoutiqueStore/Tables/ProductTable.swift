import BoutiqueCore
import FluentKit
import Foundation

/// The catalogue: `products` (the operator's) and `tenant_products` (each CSE's offers and rates).
public struct ProductTable: Sendable {
    let db: any Database

    /// What the operator sets of a product (everything but its id).
    public struct Details: Sendable {
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

        public init(slug: String, name: String, retailer: String, description: String, minAmountCents: Int, maxAmountCents: Int,
                    denominationsCents: [Int], maxQuantity: Int, validityMonths: Int, usageConditions: String,
                    excludedCategories: [String], defaultDiscountBasisPoints: Int, isEnabled: Bool) {
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

    /// A product's state in one CSE's catalogue (its `tenant_products` row).
    public struct OfferSetting: Sendable {
        public let productID: UUID
        public let isEnabled: Bool
        /// The CSE's own rate; nil: the product's default.
        public let discountBasisPoints: Int?

        public init(productID: UUID, isEnabled: Bool, discountBasisPoints: Int?) {
            self.productID = productID
            self.isEnabled = isEnabled
            self.discountBasisPoints = discountBasisPoints
        }
    }

    /// A product the scope's CSE offers: enabled product, enabled offer; with the CSE's rate in
    /// basis points (its own, else the product's default).
    public func offer(_ productID: UUID, in scope: TenantScope) async throws -> (product: ProductRecord, rateBasisPoints: Int)? {
        guard let row = try await TenantProduct.query(on: db)
            .filter(\.$tenant.$id == scope.tenantID).filter(\.$product.$id == productID).filter(\.$isEnabled == true)
            .with(\.$product).first(),
            row.product.isEnabled
        else { return nil }
        return (try ProductRecord(row.product), row.discountBasisPoints ?? row.product.defaultDiscountBasisPoints)
    }

    /// Any product, enabled or not (the operator's console; order lines' snapshots).
    public func find(_ productID: UUID) async throws -> ProductRecord? {
        try await Product.find(productID, on: db).map(ProductRecord.init)
    }

    /// The products the scope's CSE offers (enabled offer, enabled product), each with the CSE's
    /// rate in basis points (its own, else the product's default); unsorted.
    public func offers(in scope: TenantScope) async throws -> [(product: ProductRecord, rateBasisPoints: Int)] {
        try await TenantProduct.query(on: db).filter(\.$tenant.$id == scope.tenantID).filter(\.$isEnabled == true)
            .with(\.$product).all()
            .filter { $0.product.isEnabled }
            .map { (try ProductRecord($0.product), $0.discountBasisPoints ?? $0.product.defaultDiscountBasisPoints) }
    }

    /// Every enabled product by name: the catalogue a visitor sees before choosing a CSE.
    public func enabled() async throws -> [ProductRecord] {
        try await Product.query(on: db).filter(\.$isEnabled == true).sort(\.$name).all().map(ProductRecord.init)
    }

    /// Every product, enabled or not, by name: the operator's list, for every CSE.
    public func allAcrossTenants() async throws -> [ProductRecord] {
        try await Product.query(on: db).sort(\.$name).all().map(ProductRecord.init)
    }

    /// The product with this slug (slugs are unique), enabled or not.
    public func find(slug: String) async throws -> ProductRecord? {
        try await Product.query(on: db).filter(\.$slug == slug).first().map(ProductRecord.init)
    }

    public func create(_ details: Details) async throws -> ProductRecord {
        let product = Product()
        Self.apply(details, to: product)
        try await product.create(on: db)
        return try ProductRecord(product)
    }

    /// Replaces everything the operator sets of the product.
    /// - Returns: the product as saved; nil when it does not exist.
    public func update(_ productID: UUID, with details: Details) async throws -> ProductRecord? {
        guard let product = try await Product.find(productID, on: db) else { return nil }
        Self.apply(details, to: product)
        try await product.save(on: db)
        return try ProductRecord(product)
    }

    /// The scope's CSE's `tenant_products` rows, enabled or not.
    public func offerSettings(in scope: TenantScope) async throws -> [OfferSetting] {
        try await TenantProduct.query(on: db).filter(\.$tenant.$id == scope.tenantID).all().map {
            OfferSetting(productID: $0.$product.id, isEnabled: $0.isEnabled, discountBasisPoints: $0.discountBasisPoints)
        }
    }

    /// Writes each product's state in the scope's CSE: an existing row is updated; a missing one
    /// is created only for an enabled product.
    public func saveOffers(_ settings: [OfferSetting], in scope: TenantScope) async throws {
        let existing = try await TenantProduct.query(on: db).filter(\.$tenant.$id == scope.tenantID).all()
        let byProduct = Dictionary(existing.map { ($0.$product.id, $0) }, uniquingKeysWith: { first, _ in first })
        for setting in settings {
            if let row = byProduct[setting.productID] {
                row.isEnabled = setting.isEnabled
                row.discountBasisPoints = setting.discountBasisPoints
                try await row.save(on: db)
            } else if setting.isEnabled {
                try await TenantProduct(tenantID: scope.tenantID, productID: setting.productID,
                                        discountBasisPoints: setting.discountBasisPoints).create(on: db)
            }
        }
    }

    private static func apply(_ details: Details, to product: Product) {
        product.name = details.name
        product.slug = details.slug
        product.retailer = details.retailer
        product.description = details.description
        product.minAmountCents = details.minAmountCents
        product.maxAmountCents = details.maxAmountCents
        product.denominationsCents = details.denominationsCents
        product.maxQuantity = details.maxQuantity
        product.validityMonths = details.validityMonths
        product.usageConditions = details.usageConditions
        product.excludedCategories = details.excludedCategories
        product.defaultDiscountBasisPoints = details.defaultDiscountBasisPoints
        product.isEnabled = details.isEnabled
    }
}

extension Tables {
    public var products: ProductTable { ProductTable(db: db) }
}
