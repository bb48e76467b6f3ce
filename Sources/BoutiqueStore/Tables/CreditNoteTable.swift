import BoutiqueCore
import FluentKit
import Foundation
import SQLKit

/// `credit_notes` (M121): the credit notes of refunded orders and cancelled dotations. Rows are
/// only added; their number comes from the invoices' counter in the caller's transaction.
public struct CreditNoteTable: Sendable {
    let db: any Database

    static let table = "credit_notes"

    /// A credit note to write; `add` numbers it.
    public struct NewCreditNote: Sendable {
        public let tenantID: UUID
        public let orderID: UUID?
        public let dotationID: UUID?
        public let subjectReference: String
        public let invoiceNumber: Int
        public let invoicedOn: String
        public let reason: CreditNoteRecord.Reason
        public let lines: [CreditNoteRecord.Line]
        public let buyer: BilledParty

        public init(tenantID: UUID, orderID: UUID?, dotationID: UUID?, subjectReference: String, invoiceNumber: Int, invoicedOn: String,
                    reason: CreditNoteRecord.Reason, lines: [CreditNoteRecord.Line], buyer: BilledParty) {
            self.tenantID = tenantID
            self.orderID = orderID
            self.dotationID = dotationID
            self.subjectReference = subjectReference
            self.invoiceNumber = invoiceNumber
            self.invoicedOn = invoicedOn
            self.reason = reason
            self.lines = lines
            self.buyer = buyer
        }
    }

    /// Numbers and writes the credit note — call it inside the transaction that refunds or
    /// cancels, so that a rollback gives its number back.
    public func add(_ note: NewCreditNote, at date: Date) async throws -> CreditNoteRecord {
        let sql = try db.requireSQL()
        let number = try await Counters.next(Counters.invoices, on: sql)
        let record = CreditNoteRecord(id: UUID(), number: number, tenantID: note.tenantID, orderID: note.orderID, dotationID: note.dotationID,
                                      subjectReference: note.subjectReference, invoiceNumber: note.invoiceNumber, invoicedOn: note.invoicedOn,
                                      reason: note.reason, lines: note.lines, buyer: note.buyer,
                                      issuedAt: Date(timeIntervalSince1970: Double(EpochMilliseconds.from(date)) / 1000))
        try await sql.raw("""
            INSERT INTO credit_notes (id, number, tenant_id, order_id, dotation_id, subject_reference, invoice_number, invoiced_on, reason,
                                      lines_json, buyer_json, total_cents, issued_at)
            VALUES (\(bind: record.id), \(bind: Int64(number)), \(bind: note.tenantID), \(bind: note.orderID), \(bind: note.dotationID),
                    \(bind: note.subjectReference), \(bind: Int64(note.invoiceNumber)), \(bind: note.invoicedOn), \(bind: note.reason.rawValue),
                    \(bind: try Self.json(note.lines)), \(bind: try Self.json(note.buyer)), \(bind: Int64(record.totalCents)),
                    \(bind: EpochMilliseconds.from(date)))
            """).run()
        return record
    }

    public func of(orderID: UUID) async throws -> CreditNoteRecord? {
        try await select("order_id = \(bind: orderID)").first
    }

    public func of(dotationID: UUID) async throws -> CreditNoteRecord? {
        try await select("dotation_id = \(bind: dotationID)").first
    }

    /// The orders among `orderIDs` that have a credit note (an employee's list of orders).
    public func orders(among orderIDs: [UUID]) async throws -> Set<UUID> {
        guard !orderIDs.isEmpty else { return [] }
        let rows = try await db.requireSQL().raw("""
            SELECT order_id FROM credit_notes WHERE order_id IN (\(binds: orderIDs))
            """).all()
        return Set(try rows.map { try $0.decode(column: "order_id", as: UUID.self) })
    }

    /// Every CSE's credit notes issued in [start, end), in number order (the accounting export).
    public func issued(acrossTenants start: Date, before end: Date) async throws -> [CreditNoteRecord] {
        try await select("issued_at >= \(bind: EpochMilliseconds.from(start)) AND issued_at < \(bind: EpochMilliseconds.from(end))")
    }

    // MARK: Private

    private func select(_ condition: SQLQueryString) async throws -> [CreditNoteRecord] {
        let rows = try await db.requireSQL().raw("""
            SELECT id, number, tenant_id, order_id, dotation_id, subject_reference, invoice_number, invoiced_on, reason, lines_json,
                   buyer_json, issued_at FROM credit_notes WHERE \(condition) ORDER BY number
            """).all()
        return try rows.map(Self.record)
    }

    private static func record(_ row: any SQLRow) throws -> CreditNoteRecord {
        let decoder = JSONDecoder()
        let reason = try row.decode(column: "reason", as: String.self)
        return CreditNoteRecord(
            id: try row.decode(column: "id", as: UUID.self), number: Int(try row.decode(column: "number", as: Int64.self)),
            tenantID: try row.decode(column: "tenant_id", as: UUID.self), orderID: try row.decode(column: "order_id", as: UUID?.self),
            dotationID: try row.decode(column: "dotation_id", as: UUID?.self),
            subjectReference: try row.decode(column: "subject_reference", as: String.self),
            invoiceNumber: Int(try row.decode(column: "invoice_number", as: Int64.self)),
            invoicedOn: try row.decode(column: "invoiced_on", as: String.self),
            reason: CreditNoteRecord.Reason(rawValue: reason) ?? .orderRefund,
            lines: try decoder.decode([CreditNoteRecord.Line].self, from: Data(try row.decode(column: "lines_json", as: String.self).utf8)),
            buyer: try decoder.decode(BilledParty.self, from: Data(try row.decode(column: "buyer_json", as: String.self).utf8)),
            issuedAt: Date(timeIntervalSince1970: Double(try row.decode(column: "issued_at", as: Int64.self)) / 1000))
    }

    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

extension Tables {
    public var creditNotes: CreditNoteTable { CreditNoteTable(db: db) }
}
