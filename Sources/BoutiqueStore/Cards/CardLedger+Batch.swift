import BoutiqueCore
import Foundation
import SQLKit

/// A card's money and state, read under lock by a debit batch.
public struct CardBalance: Sendable, Equatable {
    public var id: UUID
    public var balanceCents: Int64
    public var status: CardStatus
    public var expiresAt: EpochMilliseconds

    /// The status a till sees at `now` (an active card past its end is expired).
    public func effectiveStatus(at now: EpochMilliseconds) -> CardStatus {
        status == .active && expiresAt <= now ? .expired : status
    }
}

/// One debit decided by a batch: the card's balance after it, and its ledger row.
public struct LedgerDebit: Sendable {
    public var cardID: UUID
    public var amount: Int64
    public var balanceAfter: Int64
    public var entry: LedgerEntry

    public init(cardID: UUID, amount: Int64, balanceAfter: Int64, entry: LedgerEntry) {
        self.cardID = cardID
        self.amount = amount
        self.balanceAfter = balanceAfter
        self.entry = entry
    }
}

/// Debits in batches: many tills' redemptions in one transaction, a handful of statements for the
/// whole batch instead of several per redemption.
///
/// The caller locks the batch's cards (`lockBalances`), decides every debit in memory from the
/// locked balances, then writes them (`applyDebits`) in the same transaction. Nothing can
/// interleave between the read and the write: PostgreSQL holds the rows `FOR UPDATE` (taken in id
/// order, so two instances' batches never deadlock on each other); on SQLite this process has one
/// connection, and another process's commit in between makes the write fail (`SQLITE_BUSY_SNAPSHOT`
/// in WAL mode) rather than overwrite it.
extension CardLedger {
    /// The balances of `ids`, locked until the transaction ends. Cards that do not exist are absent.
    public static func lockBalances(_ ids: [UUID], on sql: any SQLDatabase) async throws -> [UUID: CardBalance] {
        try await balances(ids, locked: true, on: sql)
    }

    /// The balances of `ids` as last committed (a till's look-up). Cards that do not exist are absent.
    public static func balances(_ ids: [UUID], on sql: any SQLDatabase) async throws -> [UUID: CardBalance] {
        try await balances(ids, locked: false, on: sql)
    }

    private static func balances(_ ids: [UUID], locked: Bool, on sql: any SQLDatabase) async throws -> [UUID: CardBalance] {
        guard !ids.isEmpty else { return [:] }
        let lock: SQLQueryString = !locked || sql.dialect.name == "sqlite" ? "" : " FOR UPDATE"
        let rows = try await sql.raw("""
            SELECT id, balance_cents, status, expires_at FROM cards WHERE id IN (\(binds: ids)) ORDER BY id\(lock)
            """).all()
        var balances: [UUID: CardBalance] = [:]
        for row in rows {
            let balance = CardBalance(id: try row.decode(column: "id", as: UUID.self),
                                      balanceCents: try row.decode(column: "balance_cents", as: Int64.self),
                                      status: try row.decode(column: "status", as: CardStatus.self),
                                      expiresAt: try row.decode(column: "expires_at", as: Int64.self))
            balances[balance.id] = balance
        }
        return balances
    }

    /// Writes debits decided on locked balances: each card's final balance, and one ledger row per
    /// debit, in two statements.
    public static func applyDebits(_ debits: [LedgerDebit], on sql: any SQLDatabase) async throws {
        guard !debits.isEmpty else { return }
        var finalBalance: [UUID: Int64] = [:]
        for debit in debits { finalBalance[debit.cardID] = debit.balanceAfter }
        // VALUES columns are column1, column2… on both engines.
        let balances = finalBalance.map { id, balance in SQLQueryString("(\(bind: id), \(bind: balance))") }
        try await sql.raw("""
            UPDATE cards SET balance_cents = v.column2 FROM (VALUES \(balances.joined(separator: ", "))) AS v
            WHERE cards.id = v.column1
            """).run()
        let rows = debits.map { debit in
            SQLQueryString("""
                (\(bind: debit.entry.id), \(bind: debit.cardID), 'redemption', \(bind: -debit.amount), \(bind: debit.balanceAfter),
                \(bind: debit.entry.storeCode), \(bind: debit.entry.posClientID), \(bind: debit.entry.idempotencyKey),
                \(bind: debit.entry.reference), \(bind: debit.entry.createdAt))
                """)
        }
        try await sql.raw("""
            INSERT INTO card_transactions (id, card_id, kind, amount_cents, balance_after_cents, store_code, pos_client_id,
                idempotency_key, reference, created_at)
            VALUES \(rows.joined(separator: ", "))
            """).run()
    }
}
