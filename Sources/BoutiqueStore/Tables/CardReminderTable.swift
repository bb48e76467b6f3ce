import BoutiqueCore
import FluentKit
import Foundation
import SQLKit

/// `card_reminders`: the expiry reminders sent, one per card at most.
public struct CardReminderTable: Sendable {
    let db: any Database

    /// A card whose reminder is due, and its holder.
    public struct Due: Sendable {
        public let cardID: UUID
        public let ownerID: UUID
    }

    /// The active cards of every CSE, with a balance and a holder, whose last day is `lastDay` or
    /// before, not expired at `now`, and not reminded yet (the daily job's).
    public func dueAcrossTenants(lastDayUpTo lastDay: String, now: EpochMilliseconds) async throws -> [Due] {
        try await db.requireSQL().raw("""
            SELECT c.id, c.owner_id FROM cards c
            WHERE c.status = 'active' AND c.balance_cents > 0 AND c.owner_id IS NOT NULL AND c.last_day <= \(bind: lastDay)
              AND c.expires_at > \(bind: now)
              AND NOT EXISTS (SELECT 1 FROM card_reminders r WHERE r.card_id = c.id)
            """).all().map { row in
            Due(cardID: try row.decode(column: "id", as: UUID.self), ownerID: try row.decode(column: "owner_id", as: UUID.self))
        }
    }

    /// Records a card's reminder. - Returns: false when it was sent already (a concurrent run).
    public func markSent(cardID: UUID, at time: EpochMilliseconds) async throws -> Bool {
        try await !db.requireSQL().raw("""
            INSERT INTO card_reminders (card_id, sent_at) VALUES (\(bind: cardID), \(bind: time))
            ON CONFLICT (card_id) DO NOTHING RETURNING card_id
            """).all().isEmpty
    }
}

extension Tables {
    public var cardReminders: CardReminderTable { CardReminderTable(db: db) }
}
