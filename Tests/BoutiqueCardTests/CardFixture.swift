import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import FluentKit
import Foundation
import Testing

/// A tenant, a holder and an issuer over a test database.
struct CardFixture {
    static let secrets: CardSecrets = {
        do { return try CardSecrets(secret: Data(repeating: 7, count: 32)) } catch { preconditionFailure("test key") }
    }()
    static let prefix: CardIssuerPrefix = {
        do { return try CardIssuerPrefix("5032") } catch { preconditionFailure("test prefix") }
    }()

    let database: BoutiqueDatabase
    let tenantID: UUID
    let ownerID: UUID
    let issuer: CardIssuer

    static func make(_ database: BoutiqueDatabase, now: @escaping @Sendable () -> Date = { Date() }) async throws -> CardFixture {
        let tenant = Tenant(slug: "alpha-\(UUID().uuidString.prefix(6).lowercased())", name: "CSE Alpha", contactEmail: "cse@alpha.test")
        try await tenant.create(on: database.db)
        let user = User()
        user.$tenant.id = try tenant.requireID()
        user.role = .employee
        user.status = .active
        user.email = "holder-\(UUID().uuidString.prefix(8).lowercased())@alpha.test"
        user.passwordHash = "x"
        user.civility = "Mme"
        user.firstName = "Marie"
        user.lastName = "Dupont"
        user.phone = "0600000000"
        try await user.create(on: database.db)
        return CardFixture(database: database, tenantID: try tenant.requireID(), ownerID: try user.requireID(),
                           issuer: CardIssuer(database: database, secrets: secrets, prefix: prefix, now: now))
    }

    func issue(count: Int = 1, cents: Int, orderLineID: UUID? = nil, excluded: [String] = [],
               validity: CardValidity = .standard, purchasedOn: CalendarDate? = nil) async throws -> [IssuedCard] {
        try await issuer.issue(CardIssueRequest(tenantID: tenantID, ownerID: ownerID, orderLineID: orderLineID, count: count,
                                                faceValue: Money(cents: cents), usageConditions: "Conditions de test",
                                                excludedCategories: excluded, validity: validity, purchasedOn: purchasedOn))
    }

    func balance(_ cardID: UUID) async throws -> Int64 {
        try #require(try await CardLedger.card(id: cardID, on: database.sql)).balanceCents
    }

    /// Balance == sum of the ledger for every card.
    func expectBalanced(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let unbalanced = try await CardLedger.unbalancedCards(on: database.sql)
        #expect(unbalanced.isEmpty, "cartes déséquilibrées : \(unbalanced)", sourceLocation: sourceLocation)
    }
}
