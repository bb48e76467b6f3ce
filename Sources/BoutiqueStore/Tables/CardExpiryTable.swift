import BoutiqueCore
import FluentKit
import Foundation
import SQLKit

/// The cards' expiry as the nightly job runs it (the statements are `CardLedger`'s): which cards
/// are due, and writing one off. Platform-wide: every CSE's cards expire the same way.
public struct CardExpiryTable: Sendable {
    let db: any Database

    /// Up to `limit` cards due for expiry at `now` (see `CardLedger.expirable`).
    public func due(now: EpochMilliseconds, limit: Int) async throws -> [UUID] {
        try await CardLedger.expirable(now: now, limit: limit, on: try db.requireSQL())
    }

    /// Writes the card's balance off; nil when it was not expirable any more. Run it in its own
    /// transaction (`BoutiqueDatabase.transaction`): the balance and the ledger row go together.
    public func expire(cardID: UUID, now: EpochMilliseconds) async throws -> Int64? {
        try await CardLedger.expire(cardID: cardID, now: now, on: try db.requireSQL())
    }
}

extension Tables {
    public var cardExpiry: CardExpiryTable { CardExpiryTable(db: db) }
}
