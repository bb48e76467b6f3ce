import BoutiqueCore
import BoutiqueMail
import BoutiqueStore
import FluentKit
import Foundation
import SQLKit

/// The daily reminder: an e-mail some days (30 by default) before a card that still has a
/// balance expires, once per card.
public struct ExpiryReminders: Sendable {
    public static let kind = ShopJobKind.remindExpiry.rawValue
    public static let periodicTask = PeriodicTask(kind: kind, every: .seconds(86_400))

    let cards: MyCards
    let composer: MailComposer
    let daysBefore: Int
    let now: @Sendable () -> Date

    public init(cards: MyCards, composer: MailComposer, daysBefore: Int = 30, now: @escaping @Sendable () -> Date = { Date() }) {
        self.cards = cards
        self.composer = composer
        self.daysBefore = daysBefore
        self.now = now
    }

    public func register(in registry: inout JobRegistry) {
        let reminders = self
        registry.register(Self.kind) { _, _ in _ = try await reminders.run() }
    }

    /// Sends the reminders due today. - Returns: how many were sent.
    @discardableResult
    public func run() async throws -> Int {
        let database = cards.database
        let limit = FrenchCalendar.today(now()).addingDays(daysBefore).iso
        let rows = try await database.sql.raw("""
            SELECT c.id, c.owner_id FROM cards c
            WHERE c.status = 'active' AND c.balance_cents > 0 AND c.owner_id IS NOT NULL AND c.last_day <= \(bind: limit)
              AND c.expires_at > \(bind: EpochMilliseconds.from(now()))
              AND NOT EXISTS (SELECT 1 FROM card_reminders r WHERE r.card_id = c.id)
            """).all()
        var sent = 0
        for row in rows {
            guard let cardID = try? row.decode(column: "id", as: UUID.self),
                  let ownerID = try? row.decode(column: "owner_id", as: UUID.self),
                  let owner = try await User.find(ownerID, on: database.db), owner.status == .active,
                  let (card, _) = try await cards.detail(actor: try AccountActor(owner), cardID: cardID) else { continue }
            let didSend: Bool = try await database.db.transaction { db in
                let sql = try db.requireSQL()
                let inserted = try await sql.raw("""
                    INSERT INTO card_reminders (card_id, sent_at) VALUES (\(bind: cardID), \(bind: EpochMilliseconds.from(now())))
                    ON CONFLICT (card_id) DO NOTHING RETURNING card_id
                    """).all()
                guard !inserted.isEmpty else { return false }
                let data = ["card": card.masked, "balance": card.balance.french, "lastDay": card.lastDay.french,
                            "link": "\(composer.settings.publicURL)/compte/cartes/\(cardID)"]
                try await Outbox.enqueue(try composer.compose("card-expiry", to: MailAddress(owner.email, name: "\(owner.firstName) \(owner.lastName)"),
                                                              subject: "Votre e-Carte expire le \(card.lastDay.french)", data: data), on: sql)
                return true
            }
            if didSend { sent += 1 }
        }
        return sent
    }
}
