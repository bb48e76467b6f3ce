import BoutiqueCore
import BoutiqueStore
import Foundation

/// The products on sale, with the rate that applies to the reader.
///
/// Reads go through a short-lived cache (`cacheTTL`): every shop page shows the catalogue, and an
/// operator's change needs no more than a few seconds to appear.
public struct Catalogue: Sendable {
    let database: BoutiqueDatabase
    private let offersCache: TTLCache<UUID?, [CatalogueOffer]>
    private let tenantCache: TTLCache<String, TenantRecord?>

    public init(database: BoutiqueDatabase, cacheTTL: Duration = .seconds(5)) {
        self.database = database
        offersCache = TTLCache(ttl: cacheTTL)
        tenantCache = TTLCache(ttl: cacheTTL)
    }

    /// The enabled products of an enabled CSE, at the rates it negotiated, sorted by name.
    public func offers(for tenant: TenantRecord) async throws -> [CatalogueOffer] {
        guard tenant.isEnabled else { return [] }
        return try await offersCache.value(for: tenant.id) { try await loadOffers(tenantID: tenant.id) }
    }

    private func loadOffers(tenantID: UUID) async throws -> [CatalogueOffer] {
        try await database.tables.products.offers(in: TenantScope(shopOf: tenantID))
            .compactMap { Self.offer($0.product, basisPoints: $0.rateBasisPoints) }
            .sorted { $0.name < $1.name }
    }

    /// Every enabled product at its default rate: what a visitor sees before choosing a CSE.
    public func publicOffers() async throws -> [CatalogueOffer] {
        try await offersCache.value(for: nil) { try await loadPublicOffers() }
    }

    private func loadPublicOffers() async throws -> [CatalogueOffer] {
        try await database.tables.products.enabled().compactMap { Self.offer($0, basisPoints: $0.defaultDiscountBasisPoints) }
    }

    /// An enabled CSE by the slug of its shop link.
    public func tenant(slug: String) async throws -> TenantRecord? {
        let key = slug.lowercased()
        return try await tenantCache.value(for: key) {
            try await database.tables.tenants.enabled(slug: key)
        }
    }

    static func offer(_ product: ProductRecord, basisPoints: Int) -> CatalogueOffer? {
        // A row the domain rejects (an out-of-range rate) is left out rather than shown wrongly.
        guard let rate = try? DiscountRate(basisPoints: basisPoints),
              let validity = try? CardValidity(months: product.validityMonths) else { return nil }
        let amounts: AmountRule = product.denominationsCents.isEmpty
            ? .free(min: Money(cents: product.minAmountCents), max: Money(cents: product.maxAmountCents))
            : .denominations(product.denominationsCents.sorted().map { Money(cents: $0) })
        return CatalogueOffer(productID: product.id, slug: product.slug, name: product.name, retailer: product.retailer,
                              description: product.description, usageConditions: product.usageConditions,
                              rate: rate, amounts: amounts, maxQuantity: product.maxQuantity, validity: validity)
    }
}

extension TenantScope {
    /// The CSE whose shop link is visited: its catalogue and logo are on its public pages.
    init(shopOf tenantID: UUID) {
        self.init(memberOf: tenantID)
    }
}
