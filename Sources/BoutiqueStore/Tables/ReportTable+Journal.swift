import BoutiqueCore
import FluentKit
import Foundation
import SQLKit

// What the accounting journal (the FEC export) is written from: every event that moves money,
// each read as stored, across every CSE. Amounts are as the tables keep them (cents); the shop's
// `JournalExport` turns each into one balanced entry.
extension ReportTable {
    /// A CSE as the journal names its customers' auxiliary accounts.
    public struct JournalCSE: Sendable, Equatable {
        public let id: UUID
        public let slug: String
        public let name: String
    }

    /// An employee's order, invoiced when it was paid.
    public struct JournalSale: Sendable {
        public let cse: JournalCSE
        public let invoiceNumber: Int
        public let reference: String
        public let invoicedAt: Date
        public let faceTotalCents: Int64
        public let savingsCents: Int64
        public let totalCents: Int64
        /// The name the invoice was issued to.
        public let buyerName: String?
    }

    /// A CSE's dotation, invoiced at face value when it was confirmed.
    public struct JournalDotation: Sendable {
        public let cse: JournalCSE
        public let invoiceNumber: Int
        public let reference: String
        public let event: String
        public let invoicedAt: Date
        public let totalCents: Int64
    }

    /// Money through the payment provider: a confirmed charge (`isRefund` false) or a refund the
    /// provider made (true).
    public struct JournalPayment: Sendable {
        public let cse: JournalCSE
        public let orderReference: String
        public let invoiceNumber: Int?
        public let provider: String
        public let providerReference: String
        public let isRefund: Bool
        public let amountCents: Int64
        public let at: Date
    }

    /// A transfer the operator recorded against a dotation (« Virement reçu »).
    public struct JournalTransfer: Sendable {
        public let cse: JournalCSE
        public let dotationReference: String
        public let invoiceNumber: Int
        /// `YYYY-MM-DD`, the day the bank credited it.
        public let receivedOn: String
        public let statementReference: String
        public let amountCents: Int64
    }

    /// The ledger's movements of one kind in one hour (epoch hours: French days start on a whole
    /// hour, so hours map onto days without splitting).
    public struct LedgerHour: Sendable, Equatable {
        public let hour: Int64
        public let kind: CardTransactionKind
        public let amountCents: Int64
    }

    public func journalSales(acrossTenants start: Date, before end: Date) async throws -> [JournalSale] {
        try await db.requireSQL().raw("""
            SELECT o.invoice_number AS invoice_number, o.reference AS reference, o.validated_at AS at, o.face_total_cents AS face,
                   o.savings_cents AS savings, o.total_cents AS total, o.invoice_buyer_name AS buyer,
                   t.id AS tenant_id, t.slug AS slug, t.name AS cse
            FROM orders o JOIN tenants t ON t.id = o.tenant_id
            WHERE o.invoice_number IS NOT NULL AND o.validated_at >= \(bind: start) AND o.validated_at < \(bind: end)
            """).all().map { row in
            JournalSale(cse: try Self.cse(row), invoiceNumber: try row.decode(column: "invoice_number", as: Int.self),
                        reference: try row.decode(column: "reference", as: String.self), invoicedAt: try row.decode(column: "at", as: Date.self),
                        faceTotalCents: try row.decode(column: "face", as: Int64.self),
                        savingsCents: try row.decode(column: "savings", as: Int64.self),
                        totalCents: try row.decode(column: "total", as: Int64.self), buyerName: try row.decode(column: "buyer", as: String?.self))
        }
    }

    public func journalDotations(acrossTenants start: Date, before end: Date) async throws -> [JournalDotation] {
        try await db.requireSQL().raw("""
            SELECT d.invoice_number AS invoice_number, d.reference AS reference, d.event AS event, d.created_at AS at,
                   d.total_cents AS total, t.id AS tenant_id, t.slug AS slug, t.name AS cse
            FROM dotations d JOIN tenants t ON t.id = d.tenant_id
            WHERE d.created_at >= \(bind: start) AND d.created_at < \(bind: end)
            """).all().map { row in
            JournalDotation(cse: try Self.cse(row), invoiceNumber: try row.decode(column: "invoice_number", as: Int.self),
                            reference: try row.decode(column: "reference", as: String.self), event: try row.decode(column: "event", as: String.self),
                            invoicedAt: try row.decode(column: "at", as: Date.self), totalCents: try row.decode(column: "total", as: Int64.self))
        }
    }

    /// Confirmed charges (a succeeded attempt, dated when it was confirmed) and the refunds the
    /// provider made (dated when it answered), of every order.
    public func journalPayments(acrossTenants start: Date, before end: Date) async throws -> [JournalPayment] {
        let sql = try db.requireSQL()
        let charges = try await sql.raw("""
            SELECT a.provider AS provider, a.reference AS provider_reference, a.amount_cents AS amount, a.updated_at AS at,
                   o.reference AS reference, o.invoice_number AS invoice_number, t.id AS tenant_id, t.slug AS slug, t.name AS cse
            FROM payment_attempts a JOIN orders o ON o.id = a.order_id JOIN tenants t ON t.id = o.tenant_id
            WHERE a.status = 'succeeded' AND a.updated_at >= \(bind: start) AND a.updated_at < \(bind: end)
            """).all().map { try Self.payment($0, isRefund: false) }
        let refunds = try await sql.raw("""
            SELECT a.provider AS provider, a.reference AS provider_reference, r.amount_cents AS amount, r.done_at AS at,
                   o.reference AS reference, o.invoice_number AS invoice_number, t.id AS tenant_id, t.slug AS slug, t.name AS cse
            FROM payment_refunds r JOIN payment_attempts a ON a.id = r.attempt_id JOIN orders o ON o.id = r.order_id
            JOIN tenants t ON t.id = o.tenant_id
            WHERE r.status = 'done' AND r.done_at >= \(bind: start) AND r.done_at < \(bind: end)
            """).all().map { try Self.payment($0, isRefund: true) }
        return charges + refunds
    }

    /// Transfers credited by the bank on the days `first...last` (`YYYY-MM-DD`).
    public func journalTransfers(acrossTenants first: String, through last: String) async throws -> [JournalTransfer] {
        try await db.requireSQL().raw("""
            SELECT x.amount_cents AS amount, x.received_on AS received_on, x.statement_reference AS statement_reference,
                   d.reference AS reference, d.invoice_number AS invoice_number, t.id AS tenant_id, t.slug AS slug, t.name AS cse
            FROM dotation_transfers x JOIN dotations d ON d.id = x.dotation_id JOIN tenants t ON t.id = x.tenant_id
            WHERE x.received_on >= \(bind: first) AND x.received_on <= \(bind: last)
            """).all().map { row in
            JournalTransfer(cse: try Self.cse(row), dotationReference: try row.decode(column: "reference", as: String.self),
                            invoiceNumber: try row.decode(column: "invoice_number", as: Int.self),
                            receivedOn: try row.decode(column: "received_on", as: String.self),
                            statementReference: try row.decode(column: "statement_reference", as: String.self),
                            amountCents: try row.decode(column: "amount", as: Int64.self))
        }
    }

    /// The ledger's redemptions, reversals and expiries by hour in `start..<end`: summed in SQL,
    /// so a year of till payments comes back as at most 8,784 rows per kind.
    public func journalLedgerHours(acrossTenants start: Date, before end: Date) async throws -> [LedgerHour] {
        try await db.requireSQL().raw("""
            SELECT CAST(created_at / 3600000 AS BIGINT) AS hour, kind, CAST(SUM(amount_cents) AS BIGINT) AS total
            FROM card_transactions
            WHERE kind IN ('redemption', 'reversal', 'expiry')
              AND created_at >= \(bind: EpochMilliseconds.from(start)) AND created_at < \(bind: EpochMilliseconds.from(end))
            GROUP BY CAST(created_at / 3600000 AS BIGINT), kind
            """).all().map { row in
            LedgerHour(hour: try row.decode(column: "hour", as: Int64.self), kind: try row.decode(column: "kind", as: CardTransactionKind.self),
                       amountCents: try row.decode(column: "total", as: Int64.self))
        }
    }

    /// Credit notes issued in `start..<end`, with their CSE.
    public func journalCreditNotes(acrossTenants start: Date, before end: Date) async throws -> [(note: CreditNoteRecord, cse: JournalCSE)] {
        let notes = try await CreditNoteTable(db: db).issued(acrossTenants: start, before: end)
        guard !notes.isEmpty else { return [] }
        let tenants = Dictionary(uniqueKeysWithValues: try await Tenant.query(on: db).all().map {
            (try $0.requireID(), JournalCSE(id: try $0.requireID(), slug: $0.slug, name: $0.name))
        })
        return notes.map { ($0, tenants[$0.tenantID] ?? JournalCSE(id: $0.tenantID, slug: "", name: "")) }
    }

    private static func cse(_ row: any SQLRow) throws -> JournalCSE {
        JournalCSE(id: try row.decode(column: "tenant_id", as: UUID.self), slug: try row.decode(column: "slug", as: String.self),
                   name: try row.decode(column: "cse", as: String.self))
    }

    private static func payment(_ row: any SQLRow, isRefund: Bool) throws -> JournalPayment {
        JournalPayment(cse: try cse(row), orderReference: try row.decode(column: "reference", as: String.self),
                       invoiceNumber: try row.decode(column: "invoice_number", as: Int?.self),
                       provider: try row.decode(column: "provider", as: String.self),
                       providerReference: try row.decode(column: "provider_reference", as: String.self), isRefund: isRefund,
                       amountCents: try row.decode(column: "amount", as: Int64.self), at: try row.decode(column: "at", as: Date.self))
    }
}
