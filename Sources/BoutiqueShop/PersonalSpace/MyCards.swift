import BoutiqueCore
import BoutiqueDocuments
import BoutiqueStore
import Foundation
import SQLKit

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
        let records = try await CardLedger.cards(ownerID: actor.id, on: database.sql)
        let cards = try await describe(records)
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
        guard let record = try await ownRecord(actor: actor, cardID: cardID), let card = try await describe([record]).first else { return nil }
        let movements = try await CardLedger.transactions(cardID: cardID, on: database.sql).reversed().map { entry in
            Movement(date: Date(timeIntervalSince1970: Double(entry.createdAt) / 1_000), kind: entry.kind, store: entry.storeCode,
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
        guard let record = try await ownRecord(actor: actor, cardID: cardID), let card = try await describe([record]).first else { return nil }
        return try document(card, record: record).pdf()
    }

    func document(_ card: Card, record: CardRecord) throws -> ECardDocument {
        ECardDocument(retailerName: retailer, productName: card.productName, value: card.faceValue,
                      cardNumber: try secrets.number(of: record), pin: try secrets.pin(of: record), expiresOn: card.lastDay,
                      event: card.event, usageConditions: card.usageConditions,
                      whereToSpend: "Dans les magasins participants de l'enseigne en France métropolitaine : liste sur « Où dépenser ma e-Carte ».",
                      orderReference: card.orderReference ?? "", createdAt: Date(timeIntervalSince1970: Double(record.issuedAt) / 1_000))
    }

    func ownRecord(actor: AccountActor, cardID: UUID) async throws -> CardRecord? {
        guard let record = try await CardLedger.card(id: cardID, on: database.sql), record.ownerID == actor.id else { return nil }
        return record
    }

    private func describe(_ records: [CardRecord]) async throws -> [Card] {
        let lines = try await purchases(Array(Set(records.compactMap(\.orderLineID))))
        let sendings = try await sendings(records.map(\.id))
        let time = EpochMilliseconds.from(now())
        return records.sorted { $0.issuedAt > $1.issuedAt }.map { record in
            let line = record.orderLineID.flatMap { lines[$0] }
            let status = record.effectiveStatus(at: time)
            let state: State = status == .blocked ? .blocked : status == .expired ? .expired : record.balanceCents == 0 ? .usedUp : .active
            return Card(id: record.id, orderReference: line?.orderReference, productName: line?.productName ?? "e-Carte",
                        masked: (try? secrets.number(of: record).masked) ?? "XXXX\(record.last4)", faceValue: Money(cents: Int(record.faceValueCents)),
                        balance: Money(cents: Int(record.balanceCents)), event: record.event, usageConditions: record.usageConditions,
                        lastDay: CardMasking.day(record.lastDay), state: state, sendings: sendings[record.id] ?? [])
        }
    }
}

extension MyCards {
    /// What a card shows of the order line it was bought with.
    struct Purchase {
        let productName: String
        let orderReference: String
    }

    /// The order lines `ids` with their order's reference, in one statement (through Fluent's
    /// eager loading it was two queries, built at more cost than SQLite took to answer them).
    /// The list page reads these and the sendings below for every visit.
    func purchases(_ ids: [UUID]) async throws -> [UUID: Purchase] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await database.sql.raw("""
            SELECT l.id, l.product_name, o.reference FROM order_lines l JOIN orders o ON o.id = l.order_id
            WHERE l.id IN (\(binds: ids))
            """).all()
        var purchases: [UUID: Purchase] = [:]
        for row in rows {
            purchases[try row.decode(column: "id", as: UUID.self)] = Purchase(
                productName: try row.decode(column: "product_name", as: String.self),
                orderReference: try row.decode(column: "reference", as: String.self))
        }
        return purchases
    }

    /// The sendings of the cards `ids`, oldest planned first, by card.
    func sendings(_ ids: [UUID]) async throws -> [UUID: [Sending]] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await database.sql.raw("""
            SELECT card_id, recipient_name, recipient_email, send_at, sent_at FROM card_sendings
            WHERE card_id IN (\(binds: ids)) ORDER BY send_at
            """).all()
        var sendings: [UUID: [Sending]] = [:]
        for row in rows {
            sendings[try row.decode(column: "card_id", as: UUID.self), default: []].append(Sending(
                recipientName: try row.decode(column: "recipient_name", as: String.self),
                recipientEmail: try row.decode(column: "recipient_email", as: String.self),
                sendAt: try row.decode(column: "send_at", as: Date.self), sentAt: try row.decode(column: "sent_at", as: Date?.self)))
        }
        return sendings
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
