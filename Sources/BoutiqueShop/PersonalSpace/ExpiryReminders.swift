import BoutiqueCore
import BoutiqueMail
import BoutiqueStore
import Foundation

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
        let due = try await database.tables.cardReminders.dueAcrossTenants(lastDayUpTo: limit, now: EpochMilliseconds.from(now()))
        var sent = 0
        for reminder in due {
            let cardID = reminder.cardID
            guard let owner = try await database.tables.users.find(acrossTenants: reminder.ownerID), owner.status == .active,
                  let (card, _) = try await cards.detail(actor: owner.actor(), cardID: cardID) else { continue }
            let didSend: Bool = try await database.transaction { tables in
                guard try await tables.cardReminders.markSent(cardID: cardID, at: EpochMilliseconds.from(now())) else { return false }
                let data = ["card": card.masked, "balance": card.balance.french, "lastDay": card.lastDay.french,
                            "link": "\(composer.settings.publicURL)/compte/cartes/\(cardID)"]
                try await Outbox.enqueue(try composer.compose("card-expiry", to: MailAddress(owner.email, name: "\(owner.firstName) \(owner.lastName)"),
                                                              subject: "Votre e-Carte expire le \(card.lastDay.french)", data: data), in: tables)
                return true
            }
            if didSend { sent += 1 }
        }
        return sent
    }
}
