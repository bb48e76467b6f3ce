import BoutiqueCore
import BoutiqueStore
import Crypto
import Foundation

/// A till's debit request, as the POS API received it.
public struct RedemptionRequest: Sendable, Codable, Hashable {
    public var cardNumber: String
    public var pin: String?
    public var amount: Int64
    public var currency: String
    public var storeCode: String
    public var category: String?
    public var reference: String?

    public init(cardNumber: String, pin: String? = nil, amount: Int64, currency: String, storeCode: String,
                category: String? = nil, reference: String? = nil) {
        self.cardNumber = cardNumber
        self.pin = pin
        self.amount = amount
        self.currency = currency
        self.storeCode = storeCode
        self.category = category
        self.reference = reference
    }
}

extension RedemptionRequest {
    /// Every field, in a fixed order, for the idempotency fingerprint.
    var fingerprintFields: [String?] {
        [cardNumber, pin, String(amount), currency, storeCode, category, reference]
    }
}

public struct RedemptionResult: Sendable, Codable, Hashable {
    public var redemptionID: UUID
    public var amount: Int64
    public var balanceAfter: Int64
    public var cardLast4: String
    public var createdAt: EpochMilliseconds
}

public struct ReversalResult: Sendable, Codable, Hashable {
    public var reversalID: UUID
    public var amount: Int64
    public var balanceAfter: Int64
}

public struct CardLookupResult: Sendable, Hashable {
    public var cardLast4: String
    public var balance: Int64
    public var currency: String
    public var status: CardStatus
    /// The last day the card works, `YYYY-MM-DD`.
    public var lastDay: String
    public var excludedCategories: [String]
}

/// The POS use cases: look up, redeem, reverse. Every answer is a value or a `CardRefusal`;
/// thrown errors are only the database's.
///
/// Idempotency: the outcome of the first request that reached the ledger under a key (a debit,
/// or a refusal by the card's state) is stored in the same transaction as the debit, under a
/// primary key (client, key). A duplicate in the same batch replays the first one's answer; one
/// committed earlier (or by another instance meanwhile) makes the batch run again without it
/// (`RedemptionBatch.KeysTaken`), and it replays the stored answer. Requests refused before the
/// ledger (invalid amount, unknown store, throttled) store nothing.
public struct CardRedemptions: Sendable {
    public static let maxAmountCents: Int64 = 1_000_000
    public static let currency = "EUR"

    let database: BoutiqueDatabase
    let secrets: CardSecrets
    let guesses: CardGuessGuard
    let now: @Sendable () -> Date
    /// Store codes change rarely (an operator's command): cached for 30 s to save a query per debit.
    private let stores = TTLCache<StoreKey, Bool>(ttl: .seconds(30), capacity: 10_000)
    private let facts = CardFactsCache()
    private let queue: RedemptionQueue
    private let balanceReads: BatchCoalescer<UUID, CardBalance?>

    private struct StoreKey: Hashable, Sendable {
        let clientID: UUID
        let code: String
    }

    public init(database: BoutiqueDatabase, secrets: CardSecrets, guesses: CardGuessGuard,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.secrets = secrets
        self.guesses = guesses
        self.now = now
        self.queue = RedemptionQueue(database: database)
        self.balanceReads = BatchCoalescer { ids in
            do {
                let found = try await database.posLedger.balances(Array(Set(ids)))
                return ids.map { .success(found[$0]) }
            } catch {
                return ids.map { _ in .failure(error) }
            }
        }
    }

    /// The balance and state of a card, as last committed. Concurrent look-ups share one query.
    public func lookup(cardNumber: String, client: POSClientIdentity) async throws -> Result<CardLookupResult, CardRefusal> {
        let card: CardFacts
        switch try await findFacts(cardNumber, client: client) {
        case .success(let found): card = found
        case .failure(let refusal): return .failure(refusal)
        }
        guard let state = try await balanceReads.submit(card.id) else { return .failure(.unknownCard) }
        return .success(CardLookupResult(cardLast4: card.last4, balance: state.balanceCents, currency: card.currency,
                                         status: state.effectiveStatus(at: EpochMilliseconds.from(now())), lastDay: card.lastDay,
                                         excludedCategories: card.excludedCategories))
    }

    /// Debits a card once per idempotency key.
    public func redeem(_ request: RedemptionRequest, idempotencyKey: String, client: POSClientIdentity) async throws -> Result<RedemptionResult, CardRefusal> {
        guard (1...Self.maxAmountCents).contains(request.amount), request.currency == Self.currency else {
            return .failure(.invalidAmount)
        }
        let storeKnown = try await stores.value(for: StoreKey(clientID: client.clientID, code: request.storeCode)) {
            try await database.posLedger.hasStore(request.storeCode, clientID: client.clientID)
        }
        guard storeKnown else {
            return .failure(.unknownStore)
        }
        let card: CardFacts?
        switch try await findFacts(request.cardNumber, client: client) {
        case .success(let found): card = found
        case .failure(.unknownCard): card = nil
        case .failure(let refusal): return .failure(refusal)
        }
        if let card, let pin = request.pin, try await !pinMatches(pin, card: card, client: client) { return .failure(.wrongPin) }
        let key = IdempotencyKeyID(clientID: client.clientID, key: idempotencyKey)
        let requestHash = Self.hash("redeem", request.fingerprintFields)
        let command = DebitCommand(
            key: key, requestHash: requestHash, cardID: card?.id, cardLast4: card?.last4 ?? "", amount: request.amount,
            ruleRefusal: card.flatMap { Self.ruleRefusal($0, request: request) },
            entry: LedgerEntry(storeCode: request.storeCode, posClientID: client.clientID, idempotencyKey: idempotencyKey,
                               reference: request.reference, createdAt: EpochMilliseconds.from(now())))
        // No look-up of the key first: the batch claims it, and a key already used replays here.
        switch try await queue.submit(command) {
        case .decided(let outcome): return outcome
        case .replay:
            return try await PosIdempotency.replay(RedemptionResult.self, clientID: client.clientID, key: idempotencyKey,
                                                   requestHash: requestHash, on: database.posLedger) ?? .failure(.idempotencyConflict)
        }
    }

    /// Credits back a redemption made by the same POS client, at most once.
    public func reverse(redemptionID: String, idempotencyKey: String, client: POSClientIdentity) async throws -> Result<ReversalResult, CardRefusal> {
        let requestHash = Self.hash("reverse", [redemptionID])
        if let stored = try await PosIdempotency.replay(ReversalResult.self, clientID: client.clientID, key: idempotencyKey,
                                                        requestHash: requestHash, on: database.posLedger) {
            return stored
        }
        guard let id = UUID(uuidString: redemptionID),
              let redemption = try await database.posLedger.transaction(id: id),
              redemption.kind == .redemption, redemption.posClientID == client.clientID else {
            return .failure(.unknownRedemption)
        }
        let entry = LedgerEntry(posClientID: client.clientID, idempotencyKey: idempotencyKey, createdAt: EpochMilliseconds.from(now()))
        let key = IdempotencyKeyID(clientID: client.clientID, key: idempotencyKey)
        do {
            // The card is locked (by the credit) before the key is stored, in the same order as the
            // debit batches, so that a reversal and a batch never wait on each other in a cycle.
            return try await database.posLedgerTransaction { ledger in
                guard let balance = try await ledger.reverse(redemption, entry: entry) else {
                    throw Rollback.alreadyReversed
                }
                let outcome = Result<ReversalResult, CardRefusal>.success(
                    ReversalResult(reversalID: entry.id, amount: -redemption.amountCents, balanceAfter: balance))
                let answer = IdempotencyAnswer(id: key, requestHash: requestHash, response: try PosIdempotency.text(outcome))
                guard try await ledger.storeAnswers([answer], now: entry.createdAt).contains(key) else {
                    throw Rollback.duplicateKey
                }
                return outcome
            }
        } catch let rollback as Rollback {
            // The same key committed meanwhile: its answer wins. Otherwise another key reversed it.
            if let stored = try await PosIdempotency.replay(ReversalResult.self, clientID: client.clientID, key: idempotencyKey,
                                                            requestHash: requestHash, on: database.posLedger) {
                return stored
            }
            return .failure(rollback == .alreadyReversed ? .alreadyReversed : .idempotencyConflict)
        }
    }

    // MARK: - Steps

    private enum Rollback: Error, Equatable {
        case duplicateKey
        case alreadyReversed
    }

    /// The card's fixed facts, from the cache or the database. Balance and status are not among
    /// them: the batch reads those under lock.
    private func findFacts(_ text: String, client: POSClientIdentity) async throws -> Result<CardFacts, CardRefusal> {
        if guesses.isBlocked(keyID: client.keyID) { return .failure(.rateLimited) }
        guard let number = try? CardNumber(text) else {
            try await guesses.recordFailure(keyID: client.keyID)
            return .failure(.unknownCard)
        }
        let hash = secrets.lookupHash(number)
        if let known = facts.cached(hash) { return .success(known) }
        guard let card = try await database.posLedger.card(numberHash: hash) else {
            try await guesses.recordFailure(keyID: client.keyID)
            return .failure(.unknownCard)
        }
        let found = CardFacts(card)
        facts.store(found, for: hash)
        return .success(found)
    }

    private func pinMatches(_ pin: String, card: CardFacts, client: POSClientIdentity) async throws -> Bool {
        let expected = try secrets.pin(cardID: card.id, sealed: card.pinSealed)
        guard SecureToken.constantTimeEquals(pin, expected.digits) else {
            try await guesses.recordFailure(keyID: client.keyID)
            return false
        }
        return true
    }

    /// The refusals the card's fixed rules give; the batch reports its status before them.
    private static func ruleRefusal(_ card: CardFacts, request: RedemptionRequest) -> CardRefusal? {
        if let category = request.category, card.excludedCategories.contains(category) { return .categoryExcluded }
        return card.currency == request.currency ? nil : .invalidAmount
    }

    /// The fingerprint stored with an idempotency key, to tell a retry from another request
    /// reusing the key: SHA-256 of the operation and its fields, each length-prefixed (so no two
    /// different requests share a text) and nil distinct from empty.
    ///
    /// Built by hand rather than through `JSONEncoder`, which cost 3 % of a redemption.
    static func hash(_ operation: String, _ fields: [String?]) -> String {
        var text: [UInt8] = Array(operation.utf8)
        for field in fields {
            guard let field else {
                text.append(0)
                continue
            }
            text.append(1)
            text.append(contentsOf: String(field.utf8.count).utf8)
            text.append(UInt8(ascii: ":"))
            text.append(contentsOf: field.utf8)
        }
        return SHA256.hash(data: text).withUnsafeBytes { Hex.lowercase($0) }
    }
}
