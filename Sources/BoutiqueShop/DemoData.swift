import BoutiqueCore
import BoutiqueStore
import FluentKit
import Foundation

/// The demo shop: two CSEs, a fictional retailer's e-card, an operator, a manager per CSE and
/// two active employees. Demo data only: the shared password is printed at start-up.
public enum DemoData {
    public static let password = "boutique-demo"

    public struct Login: Sendable, Equatable {
        public let email: String
        public let description: String
    }

    public static let logins: [Login] = [
        Login(email: "operateur@demo.test", description: "opérateur de la plateforme"),
        Login(email: "gestion.alpha@demo.test", description: "gestionnaire du CSE Alpha"),
        Login(email: "gestion.beta@demo.test", description: "gestionnaire du CSE Bêta"),
        Login(email: "marie.dupont@demo.test", description: "salariée, CSE Alpha"),
        Login(email: "paul.martin@demo.test", description: "salarié, CSE Bêta"),
    ]

    /// Loads the demo data into an empty database; does nothing when any CSE exists, so that a
    /// restart never duplicates or overwrites what the demo user changed.
    /// - Returns: whether data was loaded.
    @discardableResult
    public static func seedIfEmpty(_ database: BoutiqueDatabase, hasher: PasswordHasher) async throws -> Bool {
        // Hash outside the transaction: bcrypt is slow on purpose.
        let passwordHash = hasher.hash(password)
        return try await database.db.transaction { db in
            guard try await Tenant.query(on: db).count() == 0 else { return false }
            try await seed(on: db, passwordHash: passwordHash)
            return true
        }
    }

    private static func seed(on db: any Database, passwordHash: String) async throws {
        let alpha = Tenant(slug: "alpha", name: "CSE Alpha Industries", contactEmail: "cse@alpha.demo.test")
        let beta = Tenant(slug: "beta", name: "CSE Bêta Logistique", contactEmail: "cse@beta.demo.test",
                          settings: TenantSettings(brandColor: "#0f6b4f"))
        try await alpha.create(on: db)
        try await beta.create(on: db)

        let economies = Product(
            slug: "e-carte-economies", name: "e-Carte Économies", retailer: "Maison Lumière",
            description: "Pour vos courses du quotidien et vos achats plaisir, dans tous les rayons des magasins Maison Lumière, Lumière Market et de proximité (hors carburant).",
            minAmountCents: 1_000, maxAmountCents: 150_000, maxQuantity: 10, validityMonths: 12,
            usageConditions: "Utilisable sur tout le magasin sauf carburant", excludedCategories: ["fuel"],
            defaultDiscountBasisPoints: 500)
        try await economies.create(on: db)
        for tenant in [alpha, beta] {
            try await TenantProduct(tenantID: try tenant.requireID(), productID: try economies.requireID()).create(on: db)
        }

        // Alpha's key approves accounts at once; Bêta's still needs the manager (like key 0).
        try await IdentificationKey(tenantID: try alpha.requireID(), code: "ALPHA-2026", label: "Affichage salle de pause",
                                    autoApprove: true).create(on: db)
        try await IdentificationKey(tenantID: try beta.requireID(), code: "BETA-2026", label: "Intranet", autoApprove: false).create(on: db)

        let users = [
            User(tenantID: nil, role: .operator, status: .active, email: "operateur@demo.test", passwordHash: passwordHash,
                 civility: "M.", firstName: "Olivier", lastName: "Opérateur"),
            User(tenantID: try alpha.requireID(), role: .manager, status: .active, email: "gestion.alpha@demo.test",
                 passwordHash: passwordHash, civility: "Mme", firstName: "Gaëlle", lastName: "Gestion"),
            User(tenantID: try beta.requireID(), role: .manager, status: .active, email: "gestion.beta@demo.test",
                 passwordHash: passwordHash, civility: "M.", firstName: "Bruno", lastName: "Gestion"),
            User(tenantID: try alpha.requireID(), role: .employee, status: .active, email: "marie.dupont@demo.test",
                 passwordHash: passwordHash, civility: "Mme", firstName: "Marie", lastName: "Dupont", phone: "06 12 34 56 78"),
            User(tenantID: try beta.requireID(), role: .employee, status: .active, email: "paul.martin@demo.test",
                 passwordHash: passwordHash, civility: "M.", firstName: "Paul", lastName: "Martin", phone: "06 98 76 54 32"),
        ]
        for user in users { try await user.create(on: db) }
    }
}
