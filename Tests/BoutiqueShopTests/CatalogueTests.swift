import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Testing

@Suite("Catalogue and demo data")
struct CatalogueTests {
    @Test("the demo data holds two CSEs, the e-card at 5 % and the five demo logins; a second run adds nothing",
          arguments: TestEngine.available)
    func demoData(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // act
            let first = try await DemoData.seedIfEmpty(database, hasher: PasswordHasher(cost: 4))
            let second = try await DemoData.seedIfEmpty(database, hasher: PasswordHasher(cost: 4))
            // check
            #expect(first && !second)
            let slugs = try await Tenant.query(on: database.db).sort(\.$slug).all().map(\.slug)
            #expect(slugs == ["alpha", "beta"])
            let emails = try await User.query(on: database.db).all().map(\.email).sorted()
            #expect(emails == DemoData.logins.map(\.email).sorted())
            let marie = try #require(try await User.query(on: database.db).filter(\.$email == "marie.dupont@demo.test").with(\.$tenant).first())
            #expect(marie.tenant?.slug == "alpha" && marie.role == .employee && marie.status == .active)
            #expect(PasswordHasher(cost: 4).verify(DemoData.password, against: marie.passwordHash))
            let alpha = try #require(try await Catalogue(database: database).tenant(slug: "alpha"))
            let offers = try await Catalogue(database: database).offers(for: alpha)
            #expect(offers.map(\.rate.basisPoints) == [500])
        }
    }

    @Test("a CSE sees its own products at its negotiated rate, never another CSE's or a disabled one",
          arguments: TestEngine.available)
    func tenantCatalogue(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let alpha = Tenant(slug: "alpha", name: "CSE Alpha", contactEmail: "a@a.test")
            let beta = Tenant(slug: "beta", name: "CSE Bêta", contactEmail: "b@b.test")
            try await alpha.create(on: database.db)
            try await beta.create(on: database.db)
            let shared = Self.product("shared", name: "e-Carte Économies", rate: 500)
            let betaOnly = Self.product("beta-only", name: "e-Carte Bêta", rate: 300)
            let retired = Self.product("retired", name: "e-Carte Ancienne", rate: 500, enabled: false)
            for product in [shared, betaOnly, retired] { try await product.create(on: database.db) }
            try await TenantProduct(tenantID: alpha.requireID(), productID: shared.requireID(), discountBasisPoints: 700).create(on: database.db)
            try await TenantProduct(tenantID: alpha.requireID(), productID: retired.requireID()).create(on: database.db)
            try await TenantProduct(tenantID: beta.requireID(), productID: shared.requireID()).create(on: database.db)
            try await TenantProduct(tenantID: beta.requireID(), productID: betaOnly.requireID()).create(on: database.db)
            let catalogue = Catalogue(database: database)
            // act
            let alphaOffers = try await catalogue.offers(for: try TenantRecord(alpha))
            let betaOffers = try await catalogue.offers(for: try TenantRecord(beta))
            // check
            #expect(alphaOffers.map(\.slug) == ["shared"])
            #expect(alphaOffers.first?.rate.basisPoints == 700)
            #expect(betaOffers.map(\.slug) == ["beta-only", "shared"])
            #expect(betaOffers.map(\.rate.basisPoints) == [300, 500])
            #expect(try await catalogue.publicOffers().map(\.slug) == ["beta-only", "shared"])
        }
    }

    @Test("a disabled CSE has no shop", arguments: TestEngine.available)
    func disabledTenant(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let closed = Tenant(slug: "ferme", name: "CSE Fermé", contactEmail: "f@f.test", isEnabled: false)
            try await closed.create(on: database.db)
            let product = Self.product("p", name: "e-Carte", rate: 500)
            try await product.create(on: database.db)
            try await TenantProduct(tenantID: closed.requireID(), productID: product.requireID()).create(on: database.db)
            let catalogue = Catalogue(database: database)
            // act / check
            #expect(try await catalogue.tenant(slug: "ferme") == nil)
            #expect(try await catalogue.offers(for: try TenantRecord(closed)).isEmpty)
        }
    }

    static func product(_ slug: String, name: String, rate: Int, enabled: Bool = true) -> Product {
        Product(slug: slug, name: name, retailer: "Maison Lumière", description: "Carte cadeau", minAmountCents: 1_000,
                maxAmountCents: 150_000, maxQuantity: 10, usageConditions: "Utilisable sur tout le magasin sauf carburant",
                excludedCategories: ["fuel"], defaultDiscountBasisPoints: rate, isEnabled: enabled)
    }
}
