import BoutiqueCore
import Foundation
import SQLKit

/// The POS API's statements, bound to one connection: the pools (`BoutiqueDatabase.posLedger`,
/// the tills' look-ups) or one debit batch's or reversal's transaction
/// (`BoutiqueDatabase.posLedgerTransaction`). The hot path: each method is the ledger's or the POS
/// clients' statement as is, with nothing built per call but this struct.
public struct POSLedger: Sendable {
    let sql: any SQLDatabase

    /// The balances of `ids` as last committed (a till's look-up).
    public func balances(_ ids: [UUID]) async throws -> [UUID: CardBalance] {
        try await CardLedger.balances(ids, on: sql)
    }

    /// The balances of `ids`, locked until the batch's transaction ends.
    public func lockBalances(_ ids: [UUID]) async throws -> [UUID: CardBalance] {
        try await CardLedger.lockBalances(ids, on: sql)
    }

    /// Writes a batch's debits decided on locked balances (two statements).
    public func applyDebits(_ debits: [LedgerDebit]) async throws {
        try await CardLedger.applyDebits(debits, on: sql)
    }

    /// Credits back a redemption; nil when it already has a reversal (roll back then).
    public func reverse(_ redemption: CardTransactionRecord, entry: LedgerEntry) async throws -> Int64? {
        try await CardLedger.reverse(redemption, entry: entry, on: sql)
    }

    /// The card with this number's lookup hash (a till's card, whatever its CSE: the POS client's
    /// stores take every CSE's cards).
    public func card(numberHash: Data) async throws -> CardRecord? {
        try await CardLedger.card(numberHash: numberHash, on: sql)
    }

    /// One ledger row (the redemption a till reverses).
    public func transaction(id: UUID) async throws -> CardTransactionRecord? {
        try await CardLedger.transaction(id: id, on: sql)
    }

    /// Whether `code` is one of the client's stores.
    public func hasStore(_ code: String, clientID: UUID) async throws -> Bool {
        try await POSClientStore.hasStore(code, clientID: clientID, on: sql)
    }

    /// The answer stored under one of the client's idempotency keys.
    public func idempotencyRecord(clientID: UUID, key: String) async throws -> IdempotencyRecord? {
        try await POSClientStore.idempotencyRecord(clientID: clientID, key: key, on: sql)
    }

    /// Stores the answers of keys no other request holds; returns those stored (see
    /// `POSClientStore.storeAnswers`).
    public func storeAnswers(_ answers: [IdempotencyAnswer], now: EpochMilliseconds) async throws -> Set<IdempotencyKeyID> {
        try await POSClientStore.storeAnswers(answers, now: now, on: sql)
    }
}

extension BoutiqueDatabase {
    /// The POS statements on the pools: each call commits at once.
    public var posLedger: POSLedger { POSLedger(sql: sql) }

    /// Runs `body` in one transaction, run again when PostgreSQL aborted it as a deadlock victim
    /// (`withRetriedSQLTransaction`): a debit batch, or a reversal with its idempotency answer.
    public func posLedgerTransaction<T: Sendable>(_ body: @escaping @Sendable (POSLedger) async throws -> T) async throws -> T {
        try await withRetriedSQLTransaction { sql in try await body(POSLedger(sql: sql)) }
    }
}
