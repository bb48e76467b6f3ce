import BoutiqueCore
import BoutiqueDocuments
import BoutiqueStore
import Foundation

/// "Gérez vos cartes": an employee's own cards, their balances and ledger, their PDF. Every read
/// is scoped by owner: another employee's card id finds nothing.
public struct MyCards: Sendable {
    public enum Filter: String, Sendable, CaseIterable {
        case all = "toutes", active = "actives", usedUp = "utilisees", expired = "expirees"
    }

    public enum State: String, Sendable {
        case active, usedUp, expired, blocked

        public var label: String {
            switch self {
            case .active: "Active"
            case .usedUp: "Utilisée"
            case .expired: "Expirée"
            case .blocked: "Bloquée"
            }
        }
    }

    public struct Card: Sendable {
        public let id: UUID
        public let orderReference: String?
        public let productName: String
        public let masked: String
        public let faceValue: Money
        public let balance: Money
        public let event: String
        public let usageConditions: String
        public let lastDay: CalendarDate
        public let state: State
        public let sendings: [Sending]
    }

    /// A sending of the card by e-mail, done or planned.
    public struct Sending: Sendable {
        public let recipientName: String
        public let recipientEmail: String
        public let sendAt: Date
        public let sentAt: Date?
    }

    public struct Movement: Sendable {
        public let date: Date
        public let kind: CardTransactionKind
        /// The store's name (its code when the store table does not know it).
        public let store: String?
        public let amount: Money
        public let balanceAfter: Money
    }

    let database: BoutiqueDatabase
    let secrets: CardSecrets
    let retailer: String
    let now: @Sendable () -> Date

    public init(database: BoutiqueDatabase, secrets: CardSecrets, retailer: String = "Maison Lumière",
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.secrets = secrets
        self.retailer = retailer
        self.now = now
    }

    public func list(actor: AccountActor, filter: Filter = .all) async throws -> [Card] {
        guard let scope = actor.scope else { return [] }
        let records = try await database.tables.ownedCards.cards(of: actor.id, in: scope)
        let cards = try await describe(records, in: scope)
        return cards.filter { card in
            switch filter {
            case .all: true
            case .active: card.state == .active
            case .usedUp: card.state == .usedUp
            case .expired: card.state == .expired
            }
        }
    }

    /// One of the actor's cards with its movements, newest first.
    public func detail(actor: AccountActor, cardID: UUID) async throws -> (Card, [Movement])? {
        guard let scope = actor.scope, let record = try await ownRecord(actor: actor, cardID: cardID),
              let card = try await describe([record], in: scope).first else { return nil }
        let ledger = try await database.tables.ownedCards.ledger(of: record)
        // The till sends its store's code; the employee knows the store by its name. A code the
        // store table does not have (a store since removed) is shown as sent.
        let names = try await database.tables.storeLocations.names(of: Set(ledger.compactMap(\.storeCode)))
        let movements = ledger.reversed().map { entry in
            Movement(date: Date(timeIntervalSince1970: Double(entry.createdAt) / 1_000), kind: entry.kind,
                     store: entry.storeCode.map { names[$0] ?? $0 },
                     amount: Money(cents: Int(entry.amountCents)), balanceAfter: Money(cents: Int(entry.balanceAfterCents)))
        }
        return (card, Array(movements))
    }

    /// The number and PIN in clear, for the card's own view and PDF only.
    public func secrets(actor: AccountActor, cardID: UUID) async throws -> (CardNumber, CardPIN)? {
        guard let record = try await ownRecord(actor: actor, cardID: cardID) else { return nil }
        return (try secrets.number(of: record), try secrets.pin(of: record))
    }

    /// The printable e-card.
    public func pdf(actor: AccountActor, cardID: UUID) async throws -> [UInt8]? {
        guard let scope = actor.scope, let record = try await ownRecord(actor: actor, cardID: cardID),
              let card = try await describe([record], in: scope).first else { return nil }
        return try document(card, record: record).pdf()
    }

    func document(_ card: Card, record: CardRecord) throws -> ECardDocument {
        ECardDocument(retailerName: retailer, productName: card.productName, value: card.faceValue,
                      cardNumber: try secrets.number(of: record), pin: try secrets.pin(of: record), expiresOn: card.lastDay,
                      event: card.event, usageConditions: card.usageConditions,
                      whereToSpend: "Dans les magasins participants de l'enseigne en France métropolitaine : liste sur « Où dépenser ma e-Carte ».",
                      orderReference: card.orderReference ?? "", createdAt: Date(timeIntervalSince1970: Double(record.issuedAt) / 1_000))
    }

    /// One of the actor's own cards, in their CSE.
    func ownRecord(actor: AccountActor, cardID: UUID) async throws -> CardRecord? {
        guard let scope = actor.scope else { return nil }
        return try await database.tables.ownedCards.card(cardID, of: actor.id, in: scope)
    }

    /// `records` (read in `scope`) with their order line and sendings: two statements whatever
    /// the count, as the list page reads them for every visit.
    private func describe(_ records: [CardRecord], in scope: TenantScope) async throws -> [Card] {
        let lines = try await database.tables.orders.cardPurchases(lines: Array(Set(records.compactMap(\.orderLineID))), in: scope)
        let sendings = try await database.tables.cardSendings.sendings(ofCards: records.map(\.id))
        let time = EpochMilliseconds.from(now())
        return records.sorted { $0.issuedAt > $1.issuedAt }.map { record in
            let line = record.orderLineID.flatMap { lines[$0] }
            let status = record.effectiveStatus(at: time)
            let state: State = status == .blocked ? .blocked : status == .expired ? .expired : record.balanceCents == 0 ? .usedUp : .active
            return Card(id: record.id, orderReference: line?.orderReference, productName: line?.productName ?? "e-Carte",
                        masked: (try? secrets.number(of: record).masked) ?? "XXXX\(record.last4)", faceValue: Money(cents: Int(record.faceValueCents)),
                        balance: Money(cents: Int(record.balanceCents)), event: record.event, usageConditions: record.usageConditions,
                        lastDay: CardMasking.day(record.lastDay), state: state,
                        sendings: (sendings[record.id] ?? []).map { Sending(recipientName: $0.recipientName, recipientEmail: $0.recipientEmail,
                                                                            sendAt: $0.sendAt, sentAt: $0.sentAt) })
        }
    }
}

/// A card's stored last day (`2027-11-24`) as a date.
enum CardMasking {
    static func day(_ iso: String) -> CalendarDate {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let day = try? CalendarDate(year: parts[0], month: parts[1], day: parts[2]) else { return .epoch }
        return day
    }
}
