import BoutiqueCore
import BoutiqueStore
import Foundation
import Logging

/// What to issue: `count` identical cards for one tenant, and optionally one holder and one
/// order line. With an order line, issuing is idempotent per (order line, position).
public struct CardIssueRequest: Sendable {
    public var tenantID: UUID
    public var ownerID: UUID?
    public var orderLineID: UUID?
    public var count: Int
    public var faceValue: Money
    /// "Revente" for an employee's purchase, or the CSE's event ("Noël 2026").
    public var event: String
    public var usageConditions: String
    public var excludedCategories: [String]
    public var validity: CardValidity
    /// The purchase day the validity counts from; today (French time) when nil.
    public var purchasedOn: CalendarDate?

    public static let resaleEvent = "Revente"

    public init(tenantID: UUID, ownerID: UUID? = nil, orderLineID: UUID? = nil, count: Int, faceValue: Money,
                event: String = CardIssueRequest.resaleEvent, usageConditions: String = "", excludedCategories: [String] = [],
                validity: CardValidity = .standard, purchasedOn: CalendarDate? = nil) {
        self.tenantID = tenantID
        self.ownerID = ownerID
        self.orderLineID = orderLineID
        self.count = count
        self.faceValue = faceValue
        self.event = event
        self.usageConditions = usageConditions
        self.excludedCategories = excludedCategories
        self.validity = validity
        self.purchasedOn = purchasedOn
    }
}

/// A card with its secrets in clear, for the holder's view, the CSV export or the PDF.
/// `description` masks the number and hides the PIN.
public struct IssuedCard: Sendable, CustomStringConvertible {
    public var id: UUID
    public var number: CardNumber
    public var pin: CardPIN
    public var faceValue: Money
    public var lastDay: CalendarDate
    public var lineIndex: Int?

    public var description: String { "IssuedCard(\(number.masked), \(faceValue))" }
}

public enum CardIssueError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidCount(Int)
    case invalidAmount(Int)

    public var description: String {
        switch self {
        case .invalidCount(let count): "Nombre de cartes invalide : \(count) (de 1 à 10 000)."
        case .invalidAmount(let cents): "Montant invalide : \(cents) centimes (de 1 à 1 000 000)."
        }
    }
}

/// Issues gift cards: number from a CSPRNG with the issuer prefix and a Luhn digit, 4-digit PIN,
/// both sealed at rest, and the ledger's `issue` row, in batches of one transaction each.
///
/// Crash safety: with an order line, each card is inserted at its position under a unique index
/// (`order_line_id`, `line_index`), so a run killed mid-way and started again (or two workers
/// racing) fills only the missing positions: the line ends with exactly `count` cards.
public struct CardIssuer: Sendable {
    public static let maxCount = 10_000
    public static let maxFaceValueCents = 1_000_000
    let database: BoutiqueDatabase
    let secrets: CardSecrets
    let prefix: CardIssuerPrefix
    let now: @Sendable () -> Date
    /// Cards per transaction: bigger batches commit less often, smaller ones hold SQLite's single
    /// writer for less time.
    let batchSize: Int
    /// A pause between batches, to leave the database to the shop's requests during a large issue.
    let batchPause: Duration

    public init(database: BoutiqueDatabase, secrets: CardSecrets, prefix: CardIssuerPrefix, batchSize: Int = 100, batchPause: Duration = .zero,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.secrets = secrets
        self.prefix = prefix
        self.batchSize = max(1, batchSize)
        self.batchPause = batchPause
        self.now = now
    }

    /// Issues the request's cards.
    /// - Returns: with an order line, all the line's cards (those of an earlier run included), by
    ///   position; without, the new cards.
    @discardableResult
    public func issue(_ request: CardIssueRequest) async throws -> [IssuedCard] {
        guard (1...Self.maxCount).contains(request.count) else { throw CardIssueError.invalidCount(request.count) }
        guard (1...Self.maxFaceValueCents).contains(request.faceValue.cents) else {
            throw CardIssueError.invalidAmount(request.faceValue.cents)
        }
        let time = now()
        let purchased = request.purchasedOn ?? FrenchCalendar.today(time)
        guard let orderLineID = request.orderLineID else {
            return try await issueFresh(request, purchasedOn: purchased, at: time)
        }
        let existing = Set(try await CardLedger.cards(orderLineID: orderLineID, in: database.tables).compactMap(\.lineIndex))
        let missing = (0..<request.count).filter { !existing.contains($0) }
        for start in stride(from: 0, to: missing.count, by: batchSize) {
            let positions = Array(missing[start..<min(start + batchSize, missing.count)])
            try await insertBatch(request, positions: positions, purchasedOn: purchased, at: time)
            if batchPause > .zero { try await Task.sleep(for: batchPause) }
        }
        return try await cards(orderLineID: orderLineID)
    }

    /// The cards of an order line, opened, by position.
    public func cards(orderLineID: UUID) async throws -> [IssuedCard] {
        try await CardLedger.cards(orderLineID: orderLineID, in: database.tables).map(open)
    }

    /// Opens a stored card's number and PIN.
    public func open(_ card: CardRecord) throws -> IssuedCard {
        IssuedCard(id: card.id, number: try secrets.number(of: card), pin: try secrets.pin(of: card),
                   faceValue: Money(cents: Int(card.faceValueCents)), lastDay: try Self.day(card.lastDay), lineIndex: card.lineIndex)
    }

    private func issueFresh(_ request: CardIssueRequest, purchasedOn: CalendarDate, at time: Date) async throws -> [IssuedCard] {
        var issued: [IssuedCard] = []
        for start in stride(from: 0, to: request.count, by: batchSize) {
            let size = min(batchSize, request.count - start)
            issued += try await insertBatch(request, positions: Array(repeating: nil, count: size), purchasedOn: purchasedOn, at: time)
        }
        return issued
    }

    /// One transaction per batch: a crash loses at most the batch in flight, which the next run redoes.
    @discardableResult
    private func insertBatch(_ request: CardIssueRequest, positions: [Int?], purchasedOn: CalendarDate, at time: Date) async throws -> [IssuedCard] {
        let drafts = try positions.map { try draft(request, position: $0, purchasedOn: purchasedOn, at: time) }
        return try await database.transaction { tables in
            var issued: [IssuedCard] = []
            for var draft in drafts {
                var inserted = try await CardLedger.insert(draft.row, in: tables)
                // A number drawn twice (about one chance in 10^14 per card) loses the unique index
                // race: draw again, unless the position itself was filled by a concurrent run.
                var attempts = 0
                while !inserted && attempts < 5 {
                    if draft.row.orderLineID != nil, try await CardLedger.positionTaken(by: draft.row, in: tables) { break }
                    draft = try self.draft(request, position: draft.row.lineIndex, purchasedOn: purchasedOn, at: time)
                    inserted = try await CardLedger.insert(draft.row, in: tables)
                    attempts += 1
                }
                if inserted { issued.append(draft.card) }
            }
            return issued
        }
    }

    /// A card about to be written: its row (number and PIN sealed) and what the caller gets back.
    struct Draft {
        var row: NewCard
        var card: IssuedCard
    }

    /// A fresh number and PIN, sealed, for one position of the request.
    func draft(_ request: CardIssueRequest, position: Int?, purchasedOn: CalendarDate, at time: Date) throws -> Draft {
        let id = UUID()
        let number = CardNumber.generate(prefix: prefix)
        let pin = CardPIN.generate()
        let lastDay = request.validity.lastDay(purchasedOn: purchasedOn)
        let row = NewCard(
            id: id, tenantID: request.tenantID, ownerID: request.ownerID, orderLineID: request.orderLineID, lineIndex: position,
            numberHash: secrets.lookupHash(number), numberSealed: try secrets.seal(number.digits, cardID: id, field: "number"),
            pinSealed: try secrets.seal(pin.digits, cardID: id, field: "pin"), last4: number.last4,
            faceValueCents: Int64(request.faceValue.cents), currency: "EUR", event: request.event,
            usageConditions: request.usageConditions, excludedCategories: request.excludedCategories,
            issuedAt: EpochMilliseconds.from(time), lastDay: lastDay.iso,
            expiresAt: EpochMilliseconds.from(FrenchCalendar.start(of: request.validity.endExclusive(purchasedOn: purchasedOn))))
        return Draft(row: row, card: IssuedCard(id: id, number: number, pin: pin, faceValue: request.faceValue,
                                                lastDay: lastDay, lineIndex: position))
    }

    static func day(_ iso: String) throws -> CalendarDate {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { throw CalendarDateError.invalid(year: 0, month: 0, day: 0) }
        return try CalendarDate(year: parts[0], month: parts[1], day: parts[2])
    }
}
