import BoutiqueCore
import Foundation
import SQLKit

// « Encours des e-Cartes »: what the shop owes card holders at a moment, read from the ledger
// alone (the sum of a card's rows is its balance: the invariant `CardLedger` keeps), so that the
// figure at any past date is exact without a snapshot table.
extension ReportTable {
    /// The cards of one CSE and one product (or one dotation's event) at a moment.
    public struct LiabilityRow: Sendable, Equatable {
        public let tenantID: UUID
        public let cseName: String
        /// The order line's product name; nil for a dotation's cards and cards issued from the
        /// command line (then `event` names them).
        public let product: String?
        public let event: String?
        public let isDotation: Bool
        /// Cards issued before the moment, and those of them still holding a balance.
        public let cards: Int
        public let cardsWithBalance: Int
        public let issuedCents: Int64
        /// Redemptions less their reversals, as a positive amount.
        public let redeemedCents: Int64
        public let refundedCents: Int64
        public let expiredCents: Int64
        /// issued − redeemed − refunded − expired.
        public let outstandingCents: Int64
    }

    /// Every CSE's cards by product as the ledger stood just before `moment`.
    public func cardLiability(acrossTenants moment: Date) async throws -> [LiabilityRow] {
        let end = EpochMilliseconds.from(moment)
        // Inner query: one row per card with its sums by kind; outer: grouped by CSE and product.
        let rows = try await db.requireSQL().raw("""
            SELECT k.tenant_id AS tenant_id, t.name AS cse, k.product AS product, k.event AS event, k.dotation AS dotation,
                   CAST(COUNT(*) AS BIGINT) AS cards,
                   CAST(SUM(CASE WHEN k.balance > 0 THEN 1 ELSE 0 END) AS BIGINT) AS with_balance,
                   CAST(SUM(k.issued) AS BIGINT) AS issued, CAST(SUM(k.redeemed) AS BIGINT) AS redeemed,
                   CAST(SUM(k.refunded) AS BIGINT) AS refunded, CAST(SUM(k.expired) AS BIGINT) AS expired,
                   CAST(SUM(k.balance) AS BIGINT) AS outstanding
            FROM (
                SELECT c.id AS id, c.tenant_id AS tenant_id, ol.product_name AS product,
                       CASE WHEN ol.id IS NULL THEN COALESCE(d.event, c.event) ELSE NULL END AS event,
                       CASE WHEN d.id IS NULL THEN 0 ELSE 1 END AS dotation,
                       SUM(CASE WHEN tx.kind = 'issue' THEN tx.amount_cents ELSE 0 END) AS issued,
                       -SUM(CASE WHEN tx.kind IN ('redemption', 'reversal') THEN tx.amount_cents ELSE 0 END) AS redeemed,
                       -SUM(CASE WHEN tx.kind = 'refund' THEN tx.amount_cents ELSE 0 END) AS refunded,
                       -SUM(CASE WHEN tx.kind = 'expiry' THEN tx.amount_cents ELSE 0 END) AS expired,
                       SUM(tx.amount_cents) AS balance
                FROM card_transactions tx
                JOIN cards c ON c.id = tx.card_id
                LEFT JOIN order_lines ol ON ol.id = c.order_line_id
                LEFT JOIN dotation_lines dl ON dl.id = c.order_line_id
                LEFT JOIN dotations d ON d.id = dl.dotation_id
                WHERE tx.created_at < \(bind: end)
                GROUP BY c.id, c.tenant_id, c.event, ol.id, ol.product_name, d.id, d.event
            ) k
            JOIN tenants t ON t.id = k.tenant_id
            GROUP BY k.tenant_id, t.name, k.product, k.event, k.dotation
            ORDER BY t.name, k.product, k.event
            """).all()
        return try rows.map { row in
            LiabilityRow(tenantID: try row.decode(column: "tenant_id", as: UUID.self), cseName: try row.decode(column: "cse", as: String.self),
                         product: try row.decode(column: "product", as: String?.self), event: try row.decode(column: "event", as: String?.self),
                         isDotation: try row.decode(column: "dotation", as: Int.self) == 1,
                         cards: try row.decode(column: "cards", as: Int.self), cardsWithBalance: try row.decode(column: "with_balance", as: Int.self),
                         issuedCents: try row.decode(column: "issued", as: Int64.self),
                         redeemedCents: try row.decode(column: "redeemed", as: Int64.self),
                         refundedCents: try row.decode(column: "refunded", as: Int64.self),
                         expiredCents: try row.decode(column: "expired", as: Int64.self),
                         outstandingCents: try row.decode(column: "outstanding", as: Int64.self))
        }
    }
}
