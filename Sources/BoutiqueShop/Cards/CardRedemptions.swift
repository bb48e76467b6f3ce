import BoutiqueCore
import BoutiqueStore
import Crypto
import Foundation
import SQLKit

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
/// primary key (client, key). A duplicate sent concurrently either finds the stored outcome, or
/// loses the insert race after debiting and rolls its whole transaction back, then replays.
/// Requests refused before the ledger (invalid amount, unknown store, throttled) store nothing.
public struct CardRedemptions: Sendable {
    public static let maxAmountCents: Int64 = 1_000_000
    public static let currency = "EUR"

    let database: BoutiqueDatabase
    let secrets: CardSecrets
    let guesses: CardGuessGuard
    let now: @Sendable () -> Date
    /// Store codes change rarely (an operator's command): cached for 30 s to save a query per debit.
    private let stores = TTLCache<StoreKey, Bool>(ttl: .seconds(30), capacity: 10_000)

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
    }

    /// The balance and state of a card.
    public func lookup(cardNumber: String, client: POSClientIdentity) async throws -> Result<CardLookupResult, CardRefusal> {
        let card: CardRecord
        switch try await findCard(cardNumber, client: client) {
        case .success(let found): card = found
        case .failure(let refusal): return .failure(refusal)
        }
        let time = EpochMilliseconds.from(now())
        return .success(CardLookupResult(cardLast4: card.last4, balance: card.balanceCents, currency: card.currency,
                                         status: card.effectiveStatus(at: time), lastDay: card.lastDay,
                                         excludedCategories: card.excludedCategories))
    }

    /// Debits a card once per idempotency key.
    public func redeem(_ request: RedemptionRequest, idempotencyKey: String, client: POSClientIdentity) async throws -> Result<RedemptionResult, CardRefusal> {
        let requestHash = Self.hash("redeem", request)
        // No look-up of the key first: on the hot path that would be one more statement on SQLite's
        // single connection. A key already used loses the insert in the debit's transaction, which
        // rolls back and replays the stored outcome instead.
        guard (1...Self.maxAmountCents).contains(request.amount), request.currency == Self.currency else {
            return .failure(.invalidAmount)
        }
        let storeKnown = try await stores.value(for: StoreKey(clientID: client.clientID, code: request.storeCode)) {
            try await POSClientStore.hasStore(request.storeCode, clientID: client.clientID, on: database.sql)
        }
        guard storeKnown else {
            return .failure(.unknownStore)
        }
        let outcome: Result<RedemptionResult, CardRefusal>
        switch try await findCard(request.cardNumber, client: client) {
        case .failure(.unknownCard): outcome = .failure(.unknownCard)
        case .failure(let refusal): return .failure(refusal)
        case .success(let card):
            if let refusal = try await precheck(card, request: request, client: client) {
                if refusal == .wrongPin { return .failure(refusal) }
                outcome = .failure(refusal)
            } else {
                return try await debit(card, request: request, key: idempotencyKey, hash: requestHash, client: client)
            }
        }
        // A refusal by the card's state is stored too, so that a retry gets the same answer.
        return try await store(outcome, status: 422, key: idempotencyKey, hash: requestHash, client: client)
    }

    /// Credits back a redemption made by the same POS client, at most once.
    public func reverse(redemptionID: String, idempotencyKey: String, client: POSClientIdentity) async throws -> Result<ReversalResult, CardRefusal> {
        let requestHash = Self.hash("reverse", redemptionID)
        if let stored = try await PosIdempotency.replay(ReversalResult.self, clientID: client.clientID, key: idempotencyKey,
                                                        requestHash: requestHash, on: database.sql) {
            return stored
        }
        guard let id = UUID(uuidString: redemptionID),
              let redemption = try await CardLedger.transaction(id: id, on: database.sql),
              redemption.kind == .redemption, redemption.posClientID == client.clientID else {
            return .failure(.unknownRedemption)
        }
        let entry = LedgerEntry(posClientID: client.clientID, idempotencyKey: idempotencyKey, createdAt: EpochMilliseconds.from(now()))
        do {
            return try await database.withSQLTransaction { sql in
                guard let balance = try await CardLedger.reverse(redemption, entry: entry, on: sql) else {
                    throw Rollback.alreadyReversed
                }
                let result = ReversalResult(reversalID: entry.id, amount: -redemption.amountCents, balanceAfter: balance)
                guard try await PosIdempotency.save(.success(result), status: 201, clientID: client.clientID, key: idempotencyKey,
                                                    requestHash: requestHash, now: entry.createdAt, on: sql) else {
                    throw Rollback.duplicateKey
                }
                return .success(result)
            }
        } catch let rollback as Rollback {
            // The same key committed meanwhile: its answer wins. Otherwise another key reversed it.
            if let stored = try await PosIdempotency.replay(ReversalResult.self, clientID: client.clientID, key: idempotencyKey,
                                                            requestHash: requestHash, on: database.sql) {
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

    private func findCard(_ text: String, client: POSClientIdentity) async throws -> Result<CardRecord, CardRefusal> {
        if guesses.isBlocked(keyID: client.keyID) { return .failure(.rateLimited) }
        guard let number = try? CardNumber(text),
              let card = try await CardLedger.card(numberHash: secrets.lookupHash(number), on: database.sql) else {
            try await guesses.recordFailure(keyID: client.keyID)
            return .failure(.unknownCard)
        }
        return .success(card)
    }

    /// The refusals that need no write; the guarded update re-checks funds, status and expiry.
    private func precheck(_ card: CardRecord, request: RedemptionRequest, client: POSClientIdentity) async throws -> CardRefusal? {
        if let pin = request.pin {
            let expected = try secrets.pin(of: card)
            guard SecureToken.constantTimeEquals(pin, expected.digits) else {
                try await guesses.recordFailure(keyID: client.keyID)
                return .wrongPin
            }
        }
        switch card.effectiveStatus(at: EpochMilliseconds.from(now())) {
        case .blocked: return .cardBlocked
        case .expired: return .cardExpired
        case .active: break
        }
        if let category = request.category, card.excludedCategories.contains(category) { return .categoryExcluded }
        guard card.currency == request.currency else { return .invalidAmount }
        return card.balanceCents < request.amount ? .insufficientFunds : nil
    }

    private func debit(_ card: CardRecord, request: RedemptionRequest, key: String, hash: String,
                       client: POSClientIdentity) async throws -> Result<RedemptionResult, CardRefusal> {
        let entry = LedgerEntry(storeCode: request.storeCode, posClientID: client.clientID, idempotencyKey: key,
                                reference: request.reference, createdAt: EpochMilliseconds.from(now()))
        do {
            return try await database.withSQLTransaction { sql in
                let outcome: Result<RedemptionResult, CardRefusal>
                if let balance = try await CardLedger.debit(cardID: card.id, amount: request.amount, entry: entry, on: sql) {
                    outcome = .success(RedemptionResult(redemptionID: entry.id, amount: request.amount, balanceAfter: balance,
                                                        cardLast4: card.last4, createdAt: entry.createdAt))
                } else {
                    outcome = .failure(try await Self.refusal(cardID: card.id, amount: request.amount, at: entry.createdAt, on: sql))
                }
                guard try await PosIdempotency.save(outcome, status: Self.status(outcome), clientID: client.clientID, key: key,
                                                    requestHash: hash, now: entry.createdAt, on: sql) else {
                    throw Rollback.duplicateKey
                }
                return outcome
            }
        } catch Rollback.duplicateKey {
            return try await PosIdempotency.replay(RedemptionResult.self, clientID: client.clientID, key: key, requestHash: hash,
                                                   on: database.sql) ?? .failure(.idempotencyConflict)
        }
    }

    private func store(_ outcome: Result<RedemptionResult, CardRefusal>, status: Int, key: String, hash: String,
                       client: POSClientIdentity) async throws -> Result<RedemptionResult, CardRefusal> {
        let saved = try await PosIdempotency.save(outcome, status: status, clientID: client.clientID, key: key, requestHash: hash,
                                                  now: EpochMilliseconds.from(now()), on: database.sql)
        if saved { return outcome }
        return try await PosIdempotency.replay(RedemptionResult.self, clientID: client.clientID, key: key, requestHash: hash,
                                               on: database.sql) ?? outcome
    }

    /// Why the guarded update refused, read in the same transaction.
    private static func refusal(cardID: UUID, amount: Int64, at time: EpochMilliseconds, on sql: any SQLDatabase) async throws -> CardRefusal {
        guard let card = try await CardLedger.card(id: cardID, on: sql) else { return .unknownCard }
        switch card.effectiveStatus(at: time) {
        case .blocked: return .cardBlocked
        case .expired: return .cardExpired
        case .active: return .insufficientFunds
        }
    }

    private static func status<T>(_ outcome: Result<T, CardRefusal>) -> Int {
        if case .failure(let refusal) = outcome { return refusal.status }
        return 201
    }

    static func hash<T: Encodable>(_ operation: String, _ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body = (try? encoder.encode(value)) ?? Data()
        return SecureToken.hash(operation + ":" + String(decoding: body, as: UTF8.self))
    }
}
