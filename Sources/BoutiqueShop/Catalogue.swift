import BoutiqueCore
import BoutiqueStore
import FluentKit
import Foundation

/// The products on sale, with the rate that applies to the reader.
///
/// Reads go through a short-lived cache (`cacheTTL`): every shop page shows the catalogue, and an
/// operator's change needs no more than a few seconds to appear.
public struct Catalogue: Sendable {
    let database: BoutiqueDatabase
    private let offersCache: TTLCache<UUID?, [CatalogueOffer]>
    private let tenantCache: TTLCache<String, TenantSnapshot?>

    public init(database: BoutiqueDatabase, cacheTTL: Duration = .seconds(5)) {
        self.database = database
        offersCache = TTLCache(ttl: cacheTTL)
        tenantCache = TTLCache(ttl: cacheTTL)
    }

    /// The enabled products of an enabled CSE, at the rates it negotiated, sorted by name.
    public func offers(for tenant: Tenant) async throws -> [CatalogueOffer] {
        guard tenant.isEnabled, let tenantID = tenant.id else { return [] }
        return try await offersCache.value(for: tenantID) { try await loadOffers(tenantID: tenantID) }
    }

    private func loadOffers(tenantID: UUID) async throws -> [CatalogueOffer] {
        let rows = try await TenantProduct.query(on: database.db)
            .filter(\.$tenant.$id == tenantID)
            .filter(\.$isEnabled == true)
            .with(\.$product)
            .all()
        return rows.compactMap { row in
            guard row.product.isEnabled else { return nil }
            return Self.offer(row.product, basisPoints: row.discountBasisPoints ?? row.product.defaultDiscountBasisPoints)
        }.sorted { $0.name < $1.name }
    }

    /// Every enabled product at its default rate: what a visitor sees before choosing a CSE.
    public func publicOffers() async throws -> [CatalogueOffer] {
        try await offersCache.value(for: nil) { try await loadPublicOffers() }
    }

    private func loadPublicOffers() async throws -> [CatalogueOffer] {
        try await Product.query(on: database.db)
            .filter(\.$isEnabled == true)
            .sort(\.$name)
            .all()
            .compactMap { Self.offer($0, basisPoints: $0.defaultDiscountBasisPoints) }
    }

    /// An enabled CSE by the slug of its shop link.
    public func tenant(slug: String) async throws -> Tenant? {
        let key = slug.lowercased()
        let snapshot = try await tenantCache.value(for: key) {
            try await Tenant.query(on: database.db)
                .filter(\.$slug == key)
                .filter(\.$isEnabled == true)
                .first()
                .map(TenantSnapshot.init)
        }
        return snapshot?.tenant
    }

    static func offer(_ product: Product, basisPoints: Int) -> CatalogueOffer? {
        // A row the domain rejects (an out-of-range rate) is left out rather than shown wrongly.
        guard let id = product.id,
              let rate = try? DiscountRate(basisPoints: basisPoints),
              let validity = try? CardValidity(months: product.validityMonths) else { return nil }
        let amounts: AmountRule = product.denominationsCents.isEmpty
            ? .free(min: Money(cents: product.minAmountCents), max: Money(cents: product.maxAmountCents))
            : .denominations(product.denominationsCents.sorted().map { Money(cents: $0) })
        return CatalogueOffer(productID: id, slug: product.slug, name: product.name, retailer: product.retailer,
                              description: product.description, usageConditions: product.usageConditions,
                              rate: rate, amounts: amounts, maxQuantity: product.maxQuantity, validity: validity)
    }
}

/// A CSE row copied out of Fluent's model (a class), so that the cache shares no mutable object.
struct TenantSnapshot: Sendable {
    let id: UUID?
    let slug: String
    let name: String
    let contactEmail: String
    let openForRegistration: Bool
    let isEnabled: Bool
    let settings: TenantSettings
    let logoVersion: String?

    init(_ tenant: Tenant) {
        id = tenant.id
        slug = tenant.slug
        name = tenant.name
        contactEmail = tenant.contactEmail
        openForRegistration = tenant.openForRegistration
        isEnabled = tenant.isEnabled
        settings = tenant.settings
        logoVersion = tenant.logoVersion
    }

    /// A fresh model for each caller.
    var tenant: Tenant {
        let tenant = Tenant(id: id, slug: slug, name: name, contactEmail: contactEmail,
                            openForRegistration: openForRegistration, isEnabled: isEnabled, settings: settings)
        tenant.logoVersion = logoVersion
        return tenant
    }
}
