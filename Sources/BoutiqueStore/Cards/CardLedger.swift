import BoutiqueCore
import Foundation
import SQLKit

/// The ledger's atomic SQL. Every balance change writes the `cards.balance_cents` column and one
/// `card_transactions` row on the same connection; callers run each change in one transaction
/// (`BoutiqueDatabase.withSQLTransaction`) so the two commit together.
///
/// Debits are one guarded `UPDATE … WHERE balance_cents >= amount AND status = 'active' AND
/// expires_at > now`: the check and the write are one statement, so no interleaving overspends —
/// PostgreSQL re-evaluates the condition after waiting on the row lock, SQLite has one writer.
public enum CardLedger {
    /// Writes a new card and its `issue` row.
    /// - Returns: false when a card already exists for the same order line position (or, in theory,
    ///   the same number): nothing is written.
    public static func insert(_ card: NewCard, on sql: any SQLDatabase) async throws -> Bool {
        let row = try await sql.raw("""
            INSERT INTO cards (id, tenant_id, owner_id, order_line_id, line_index, number_hash, number_sealed, pin_sealed,
                last4, face_value_cents, balance_cents, currency, event, usage_conditions, excluded_categories, status,
                issued_at, last_day, expires_at)
            VALUES (\(bind: card.id), \(bind: card.tenantID), \(bind: card.ownerID), \(bind: card.orderLineID),
                \(bind: card.lineIndex), \(bind: card.numberHash), \(bind: card.numberSealed), \(bind: card.pinSealed),
                \(bind: card.last4), \(bind: card.faceValueCents), \(bind: card.faceValueCents), \(bind: card.currency),
                \(bind: card.event), \(bind: card.usageConditions), \(bind: CardCategories.encode(card.excludedCategories)),
                'active', \(bind: card.issuedAt), \(bind: card.lastDay), \(bind: card.expiresAt))
            ON CONFLICT DO NOTHING RETURNING id
            """).first()
        guard row != nil else { return false }
        try await append(cardID: card.id, kind: .issue, amount: card.faceValueCents, balanceAfter: card.faceValueCents,
                         entry: LedgerEntry(id: UUID(), createdAt: card.issuedAt), on: sql)
        return true
    }

    /// Credits back a redemption, whatever the card's status (a till's correction).
    /// - Returns: the balance after, or nil when that redemption already has a reversal. The caller
    ///   must then roll back: the balance was already credited in this transaction.
    public static func reverse(_ redemption: CardTransactionRecord, entry: LedgerEntry, on sql: any SQLDatabase) async throws -> Int64? {
        let amount = -redemption.amountCents
        // Locks the card row first, so concurrent reversals of one redemption queue here and the
        // later one finds the earlier one's row through the unique index.
        let row = try await sql.raw("""
            UPDATE cards SET balance_cents = balance_cents + \(bind: amount) WHERE id = \(bind: redemption.cardID)
            RETURNING balance_cents
            """).first()
        guard let row else { return nil }
        let balance = try row.decode(column: "balance_cents", as: Int64.self)
        let inserted = try await sql.raw("""
            INSERT INTO card_transactions (id, card_id, kind, amount_cents, balance_after_cents, store_code, pos_client_id,
                idempotency_key, reference, reverses_id, created_at)
            VALUES (\(bind: entry.id), \(bind: redemption.cardID), 'reversal', \(bind: amount), \(bind: balance),
                \(bind: redemption.storeCode), \(bind: entry.posClientID), \(bind: entry.idempotencyKey),
                \(bind: redemption.reference), \(bind: redemption.id), \(bind: entry.createdAt))
            ON CONFLICT (reverses_id) DO NOTHING RETURNING id
            """).first()
        return inserted == nil ? nil : balance
    }

    /// Writes the remaining balance off an expired card.
    /// - Returns: the amount written off, or nil when the card was not expirable (any more).
    public static func expire(cardID: UUID, now: EpochMilliseconds, on sql: any SQLDatabase) async throws -> Int64? {
        guard let before = try await sql.raw("""
            SELECT balance_cents FROM cards
            WHERE id = \(bind: cardID) AND expires_at <= \(bind: now) AND status IN ('active', 'expired')
            """).first() else { return nil }
        let balance = try before.decode(column: "balance_cents", as: Int64.self)
        // Guarded on the balance read above: a concurrent reversal makes this update miss, and the
        // job's next run picks the card up again.
        let updated = try await sql.raw("""
            UPDATE cards SET status = 'expired', balance_cents = 0
            WHERE id = \(bind: cardID) AND balance_cents = \(bind: balance) AND status IN ('active', 'expired')
            RETURNING id
            """).first()
        guard updated != nil else { return nil }
        if balance != 0 {
            try await append(cardID: cardID, kind: .expiry, amount: -balance, balanceAfter: 0,
                             entry: LedgerEntry(createdAt: now), on: sql)
        }
        return balance
    }

    /// Cards due for expiry at `now`: active ones past their end, and expired ones that a late
    /// reversal credited again.
    public static func expirable(now: EpochMilliseconds, limit: Int, on sql: any SQLDatabase) async throws -> [UUID] {
        try await sql.raw("""
            SELECT id FROM cards
            WHERE expires_at <= \(bind: now) AND (status = 'active' OR (status = 'expired' AND balance_cents <> 0))
            ORDER BY expires_at LIMIT \(bind: limit)
            """).all().map { try $0.decode(column: "id", as: UUID.self) }
    }

    /// Blocks or unblocks a card (an operator's decision). An expired card stays expired.
    public static func setBlocked(_ blocked: Bool, cardID: UUID, on sql: any SQLDatabase) async throws {
        let (to, from) = blocked ? ("blocked", "active") : ("active", "blocked")
        try await sql.raw("UPDATE cards SET status = \(bind: to) WHERE id = \(bind: cardID) AND status = \(bind: from)").run()
    }

    public static func card(id: UUID, on sql: any SQLDatabase) async throws -> CardRecord? {
        try await sql.raw("SELECT \(CardLedger.columnList) FROM cards WHERE id = \(bind: id)").first().map(CardRecord.init(row:))
    }

    public static func card(numberHash: Data, on sql: any SQLDatabase) async throws -> CardRecord? {
        try await sql.raw("SELECT \(CardLedger.columnList) FROM cards WHERE number_hash = \(bind: numberHash)").first()
            .map(CardRecord.init(row:))
    }

    /// The cards of one order line, by position.
    public static func cards(orderLineID: UUID, on sql: any SQLDatabase) async throws -> [CardRecord] {
        try await sql.raw("""
            SELECT \(CardLedger.columnList) FROM cards WHERE order_line_id = \(bind: orderLineID) ORDER BY line_index
            """).all().map(CardRecord.init(row:))
    }

    /// A holder's cards, newest first; scoped by owner so that no other user's card can come back.
    public static func cards(ownerID: UUID, on sql: any SQLDatabase) async throws -> [CardRecord] {
        try await sql.raw("""
            SELECT \(CardLedger.columnList) FROM cards WHERE owner_id = \(bind: ownerID) ORDER BY issued_at DESC, line_index
            """).all().map(CardRecord.init(row:))
    }

    public static func transaction(id: UUID, on sql: any SQLDatabase) async throws -> CardTransactionRecord? {
        try await sql.raw("SELECT * FROM card_transactions WHERE id = \(bind: id)").first().map(Self.transactionRecord)
    }

    /// A card's ledger, oldest first.
    public static func transactions(cardID: UUID, on sql: any SQLDatabase) async throws -> [CardTransactionRecord] {
        try await sql.raw("""
            SELECT * FROM card_transactions WHERE card_id = \(bind: cardID) ORDER BY created_at
            """).all().map(Self.transactionRecord)
    }

    /// The cards whose balance differs from the sum of their ledger rows: always empty, or the
    /// ledger is broken.
    public static func unbalancedCards(on sql: any SQLDatabase) async throws -> [UUID] {
        try await sql.raw("""
            SELECT c.id FROM cards c
            LEFT JOIN (SELECT card_id, SUM(amount_cents) AS total FROM card_transactions GROUP BY card_id) t
                ON t.card_id = c.id
            WHERE COALESCE(t.total, 0) <> c.balance_cents OR c.balance_cents < 0
            """).all().map { try $0.decode(column: "id", as: UUID.self) }
    }

    static let columnList = CardRecord.columns

    static func append(cardID: UUID, kind: CardTransactionKind, amount: Int64, balanceAfter: Int64, entry: LedgerEntry,
                       on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO card_transactions (id, card_id, kind, amount_cents, balance_after_cents, store_code, pos_client_id,
                idempotency_key, reference, created_at)
            VALUES (\(bind: entry.id), \(bind: cardID), \(bind: kind.rawValue), \(bind: amount), \(bind: balanceAfter),
                \(bind: entry.storeCode), \(bind: entry.posClientID), \(bind: entry.idempotencyKey), \(bind: entry.reference),
                \(bind: entry.createdAt))
            """).run()
    }

    static func transactionRecord(_ row: any SQLRow) throws -> CardTransactionRecord {
        CardTransactionRecord(
            id: try row.decode(column: "id", as: UUID.self),
            cardID: try row.decode(column: "card_id", as: UUID.self),
            kind: try row.decode(column: "kind", as: CardTransactionKind.self),
            amountCents: try row.decode(column: "amount_cents", as: Int64.self),
            balanceAfterCents: try row.decode(column: "balance_after_cents", as: Int64.self),
            storeCode: try row.decode(column: "store_code", as: String?.self),
            posClientID: try row.decode(column: "pos_client_id", as: UUID?.self),
            reference: try row.decode(column: "reference", as: String?.self),
            reversesID: try row.decode(column: "reverses_id", as: UUID?.self),
            createdAt: try row.decode(column: "created_at", as: Int64.self))
    }
}
