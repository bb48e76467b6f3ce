import BoutiqueCore
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import Testing

@Suite("Database")
struct DatabaseTests {
    @Test("migrations create every table and running them again changes nothing", arguments: TestEngine.available)
    func migrations(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // act
            try await database.migrate()
            // check
            #expect(try await Tenant.query(on: database.db).count() == 0)
            #expect(try await User.query(on: database.db).count() == 0)
            #expect(try await Product.query(on: database.db).count() == 0)
            #expect(try await TenantProduct.query(on: database.db).count() == 0)
        }
    }

    @Test("a CSE's slug and a user's e-mail are unique", arguments: TestEngine.available)
    func uniqueness(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let tenant = Tenant(slug: "alpha", name: "CSE Alpha", contactEmail: "cse@alpha.test")
            try await tenant.create(on: database.db)
            try await User(tenantID: tenant.id, role: .employee, status: .active, email: "a@alpha.test", passwordHash: "x",
                           civility: "Mme", firstName: "A", lastName: "B").create(on: database.db)
            // act / check
            await #expect(throws: (any Error).self) {
                try await Tenant(slug: "alpha", name: "Autre", contactEmail: "x@y.test").create(on: database.db)
            }
            await #expect(throws: (any Error).self) {
                try await User(tenantID: tenant.id, role: .employee, status: .active, email: "a@alpha.test", passwordHash: "y",
                               civility: "M.", firstName: "C", lastName: "D").create(on: database.db)
            }
            #expect(try await Tenant.query(on: database.db).count() == 1)
            #expect(try await User.query(on: database.db).count() == 1)
        }
    }

    @Test("settings, amounts and categories read back as written", arguments: TestEngine.available)
    func roundTrip(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let settings = TenantSettings(maxOrderCents: 80_000, yearlyCapCents: nil, maxCartLines: 5,
                                          autoApproveWithKey: true, brandColor: "#aa0000")
            let tenant = Tenant(slug: "beta", name: "CSE Bêta « Logistique »", contactEmail: "cse@beta.test", settings: settings)
            let product = Product(slug: "fixe", name: "e-Carte Fixe", retailer: "Maison Lumière", description: "Valeurs fixes",
                                  minAmountCents: 0, maxAmountCents: 0, denominationsCents: [2_000, 5_000, 10_000], maxQuantity: 5,
                                  usageConditions: "Utilisable sur tout le magasin sauf carburant",
                                  excludedCategories: ["fuel", "alcohol"], defaultDiscountBasisPoints: 450)
            // act
            try await tenant.create(on: database.db)
            try await product.create(on: database.db)
            let readTenant = try await Tenant.query(on: database.db).filter(\.$slug == "beta").first()
            let readProduct = try await Product.find(product.id, on: database.db)
            // check
            #expect(readTenant?.settings == settings)
            #expect(readTenant?.name == "CSE Bêta « Logistique »")
            #expect(readProduct?.denominationsCents == [2_000, 5_000, 10_000])
            #expect(readProduct?.excludedCategories == ["fuel", "alcohol"])
            #expect(readProduct?.defaultDiscountBasisPoints == 450)
        }
    }

    @Test("older settings rows missing a field decode with the defaults")
    func settingsDefaults() throws {
        let decoded = try JSONDecoder().decode(TenantSettings.self, from: Data(#"{"maxCartLines": 3}"#.utf8))
        #expect(decoded.maxCartLines == 3)
        #expect(decoded.maxOrderCents == TenantSettings().maxOrderCents)
        #expect(decoded.autoApproveWithKey == false)
    }

    @Test("a user's CSE is enforced by a foreign key", arguments: TestEngine.available)
    func foreignKey(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            await #expect(throws: (any Error).self) {
                try await User(tenantID: UUID(), role: .employee, status: .active, email: "x@x.test", passwordHash: "x",
                               civility: "M.", firstName: "X", lastName: "Y").create(on: database.db)
            }
        }
    }
}
