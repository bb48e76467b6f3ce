import BoutiqueCore
import Foundation
import SQLKit

extension CardLedger {
    /// Blocks a card whose purchase is refunded and writes its remaining balance off as a refund
    /// entry. A spent part stays spent: only the balance is refunded.
    /// - Returns: the balance written off, or nil when the card was already blocked or expired.
    /// Call it inside a transaction: the blocked status stops concurrent debits until commit.
    public static func refund(cardID: UUID, reference: String, now: EpochMilliseconds, on sql: any SQLDatabase) async throws -> Int64? {
        guard try await sql.raw("""
            UPDATE cards SET status = 'blocked', balance_cents = 0
            WHERE id = \(bind: cardID) AND status = 'active'
            RETURNING id
            """).first() != nil else { return nil }
        // The balance before the write-off is the sum of the ledger (the invariant the ledger keeps).
        let sum = try await sql.raw("SELECT CAST(COALESCE(SUM(amount_cents), 0) AS BIGINT) AS total FROM card_transactions WHERE card_id = \(bind: cardID)")
            .first()?.decode(column: "total", as: Int64.self) ?? 0
        if sum != 0 {
            try await append(cardID: cardID, kind: .refund, amount: -sum, balanceAfter: 0,
                             entry: LedgerEntry(reference: reference, createdAt: now), on: sql)
        }
        return sum
    }
}
