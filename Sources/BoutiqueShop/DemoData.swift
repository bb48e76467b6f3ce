import BoutiqueCore
import BoutiqueStore
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
        return try await database.transaction { tables in
            guard try await tables.tenants.countAcrossTenants() == 0 else { return false }
            try await seed(tables, passwordHash: passwordHash)
            return true
        }
    }

    private static func seed(_ tables: Tables, passwordHash: String) async throws {
        // Alpha lets its keys validate accounts (« Validation des comptes »: by key); Bêta validates each one.
        let alpha = TenantScope(operatorChoice: try await tables.tenants.create(
            slug: "alpha", name: "CSE Alpha Industries", contactEmail: "cse@alpha.demo.test",
            settings: TenantSettings(autoApproveWithKey: true)).id)
        let beta = TenantScope(operatorChoice: try await tables.tenants.create(
            slug: "beta", name: "CSE Bêta Logistique", contactEmail: "cse@beta.demo.test",
            settings: TenantSettings(brandColor: "#0f6b4f")).id)

        let economies = try await tables.products.create(ProductTable.Details(
            slug: "e-carte-economies", name: "e-Carte Économies", retailer: "Maison Lumière",
            description: "Pour vos courses du quotidien et vos achats plaisir, dans tous les rayons des magasins Maison Lumière, Lumière Market et de proximité (hors carburant).",
            minAmountCents: 1_000, maxAmountCents: 150_000, denominationsCents: [], maxQuantity: 10, validityMonths: 12,
            usageConditions: "Utilisable sur tout le magasin sauf carburant", excludedCategories: ["fuel"],
            defaultDiscountBasisPoints: 500, isEnabled: true))
        for tenant in [alpha, beta] {
            try await tables.products.saveOffers([ProductTable.OfferSetting(productID: economies.id, isEnabled: true, discountBasisPoints: nil)],
                                                 in: tenant)
        }

        // Alpha's key approves accounts at once; Bêta's still needs the manager (like key 0).
        _ = try await tables.identificationKeys.create(code: "ALPHA-2026", label: "Affichage salle de pause", autoApprove: true, in: alpha)
        _ = try await tables.identificationKeys.create(code: "BETA-2026", label: "Intranet", autoApprove: false, in: beta)

        let users = tables.users
        _ = try await users.createOperator(UserTable.NewUser(role: .operator, status: .active, email: "operateur@demo.test",
                                                             passwordHash: passwordHash, civility: "M.", firstName: "Olivier",
                                                             lastName: "Opérateur"))
        let members: [(TenantScope, UserTable.NewUser)] = [
            (alpha, UserTable.NewUser(role: .manager, status: .active, email: "gestion.alpha@demo.test",
                                      passwordHash: passwordHash, civility: "Mme", firstName: "Gaëlle", lastName: "Gestion")),
            (beta, UserTable.NewUser(role: .manager, status: .active, email: "gestion.beta@demo.test",
                                     passwordHash: passwordHash, civility: "M.", firstName: "Bruno", lastName: "Gestion")),
            (alpha, UserTable.NewUser(role: .employee, status: .active, email: "marie.dupont@demo.test",
                                      passwordHash: passwordHash, civility: "Mme", firstName: "Marie", lastName: "Dupont", phone: "06 12 34 56 78")),
            (beta, UserTable.NewUser(role: .employee, status: .active, email: "paul.martin@demo.test",
                                     passwordHash: passwordHash, civility: "M.", firstName: "Paul", lastName: "Martin", phone: "06 98 76 54 32")),
        ]
        for (scope, user) in members { _ = try await users.create(user, in: scope) }
    }
}
