import BoutiqueCore
import FluentKit
import Foundation
import SQLKit

/// `cards` and their ledger as their holder sees them (« Gérez vos cartes »): every read names the
/// owner and the CSE, so that another employee's card id finds nothing.
public struct OwnedCardTable: Sendable {
    let db: any Database

    /// The owner's cards in the scope's CSE, newest first.
    public func cards(of ownerID: UUID, in scope: TenantScope) async throws -> [CardRecord] {
        try await db.requireSQL().raw("""
            SELECT \(CardRecord.columns) FROM cards WHERE owner_id = \(bind: ownerID) AND tenant_id = \(bind: scope.tenantID)
            ORDER BY issued_at DESC, line_index
            """).all().map(CardRecord.init(row:))
    }

    /// One of the owner's cards in the scope's CSE.
    public func card(_ id: UUID, of ownerID: UUID, in scope: TenantScope) async throws -> CardRecord? {
        try await db.requireSQL().raw("""
            SELECT \(CardRecord.columns) FROM cards
            WHERE id = \(bind: id) AND owner_id = \(bind: ownerID) AND tenant_id = \(bind: scope.tenantID)
            """).first().map(CardRecord.init(row:))
    }

    /// The ledger of a card read through this gateway (so its owner's), oldest first.
    public func ledger(of card: CardRecord) async throws -> [CardTransactionRecord] {
        try await CardLedger.transactions(cardID: card.id, on: try db.requireSQL())
    }
}

extension Tables {
    public var ownedCards: OwnedCardTable { OwnedCardTable(db: db) }
}
