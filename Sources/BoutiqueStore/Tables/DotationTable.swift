import BoutiqueCore
import FluentKit
import Foundation
import SQLKit

/// `dotations` and their `dotation_lines`: the cards a CSE gives its employees for an URSSAF
/// event. Each dotation belongs to its CSE; the operator's list and the issuing job (which has
/// only the dotation's id) read across every CSE.
public struct DotationTable: Sendable {
    let db: any Database

    /// A dotation with what its invoice and its cards need beyond the record.
    public struct Detail: Sendable {
        /// One employee's card, by position.
        public struct Line: Sendable {
            /// The card's `order_line_id`: issuing it twice creates one card.
            public let id: UUID
            public let userID: UUID
            public let amountCents: Int
            public let email: String
            public let firstName: String
            public let lastName: String
        }

        /// With its lines and the CSE's name.
        public let record: DotationRecord
        public let tenant: TenantRecord
        public let paidAt: Date?
        /// Sorted by position.
        public let lines: [Line]
    }

    /// A dotation to write, numbered by `takeNumbers()` in the same transaction.
    public struct NewDotation: Sendable {
        public let reference: String
        public let invoiceNumber: Int
        /// An `UrssafEvent` raw value.
        public let event: String
        public let eventYear: Int
        /// `YYYY-MM-DD`.
        public let eventDate: String
        public let activationDate: String?
        public let totalCents: Int
        public let createdBy: String
        /// Each employee's amount, in the dotation's order.
        public let lines: [(userID: UUID, amountCents: Int)]
        /// The CSE as its invoice names it, kept as issued.
        public let invoiceBuyer: BilledParty?

        public init(reference: String, invoiceNumber: Int, event: String, eventYear: Int, eventDate: String, activationDate: String?,
                    totalCents: Int, createdBy: String, lines: [(userID: UUID, amountCents: Int)], invoiceBuyer: BilledParty? = nil) {
            self.reference = reference
            self.invoiceNumber = invoiceNumber
            self.event = event
            self.eventYear = eventYear
            self.eventDate = eventDate
            self.activationDate = activationDate
            self.totalCents = totalCents
            self.createdBy = createdBy
            self.lines = lines
            self.invoiceBuyer = invoiceBuyer
        }
    }

    /// What one employee was given for one event in a year.
    public struct GivenTotal: Sendable {
        public let userID: UUID
        /// An `UrssafEvent` raw value.
        public let event: String
        public let totalCents: Int
    }

    /// What the scope's CSE gave each employee per event in `year`, from its dotations that are
    /// not cancelled: the running totals the URSSAF ceiling applies to.
    public func givenTotals(year: Int, in scope: TenantScope) async throws -> [GivenTotal] {
        let sql = try db.requireSQL()
        let rows = try await sql.raw("""
            SELECT l.user_id AS user_id, d.event AS event, CAST(SUM(l.amount_cents) AS BIGINT) AS total
            FROM dotation_lines l JOIN dotations d ON d.id = l.dotation_id
            WHERE d.tenant_id = \(bind: scope.tenantID) AND d.event_year = \(bind: year) AND d.status <> \(bind: DotationStatus.cancelled.rawValue)
            GROUP BY l.user_id, d.event
            """).all()
        return try rows.map { row in
            GivenTotal(userID: try row.decode(column: "user_id", as: UUID.self), event: try row.decode(column: "event", as: String.self),
                       totalCents: try row.decode(column: "total", as: Int.self))
        }
    }

    /// The next dotation number and the next invoice number, from the gap-free counters: call it
    /// in the transaction that creates the dotation, so a rollback gives them back.
    public func takeNumbers() async throws -> (dotation: Int, invoice: Int) {
        let sql = try db.requireSQL()
        let number = try await Counters.next(Counters.dotations, on: sql)
        let invoice = try await Counters.next(Counters.invoices, on: sql)
        return (number, invoice)
    }

    /// Writes the dotation, awaiting payment, and its lines (by 500: the engines' bind limits).
    /// - Returns: the dotation without its lines nor its CSE's name.
    public func create(_ new: NewDotation, in scope: TenantScope) async throws -> DotationRecord {
        let dotation = Dotation(tenantID: scope.tenantID, reference: new.reference, event: new.event, eventYear: new.eventYear,
                                eventDate: new.eventDate, activationDate: new.activationDate, invoiceNumber: new.invoiceNumber,
                                totalCents: new.totalCents, createdBy: new.createdBy,
                                invoiceBuyerJSON: try new.invoiceBuyer.map(CreditNoteTable.json))
        try await dotation.create(on: db)
        let id = try dotation.requireID()
        let lines = new.lines.enumerated().map { DotationLine(dotationID: id, userID: $1.userID, amountCents: $1.amountCents, position: $0) }
        for start in stride(from: 0, to: lines.count, by: 500) {
            try await lines[start..<min(start + 500, lines.count)].create(on: db)
        }
        return try DotationRecord(dotation)
    }

    /// The scope's CSE's newest dotations, with its name, without lines.
    public func latest(_ limit: Int, in scope: TenantScope) async throws -> [DotationRecord] {
        try await Dotation.query(on: db).with(\.$tenant).sort(\.$createdAt, .descending).filter(\.$tenant.$id == scope.tenantID)
            .limit(limit).all().map(DotationRecord.init)
    }

    /// Every CSE's newest dotations, with their CSE's name, without lines: the operator's list.
    public func latest(acrossTenants limit: Int) async throws -> [DotationRecord] {
        try await Dotation.query(on: db).with(\.$tenant).sort(\.$createdAt, .descending).limit(limit).all().map(DotationRecord.init)
    }

    /// One of the scope's CSE's dotations, with its lines and their employees.
    public func find(_ id: UUID, in scope: TenantScope) async throws -> Detail? {
        try await detail(Dotation.query(on: db).filter(\.$id == id).filter(\.$tenant.$id == scope.tenantID))
    }

    /// Any CSE's dotation, with its lines and their employees: the operator's, the issuing job's.
    public func findAcrossTenants(_ id: UUID) async throws -> Detail? {
        try await detail(Dotation.query(on: db).filter(\.$id == id))
    }

    /// Any CSE's dotation, the row alone (no lines, no CSE name): what recording a payment needs.
    public func headerAcrossTenants(_ id: UUID) async throws -> DotationRecord? {
        try await Dotation.find(id, on: db).map(DotationRecord.init)
    }

    /// Awaiting payment → paid at `date`; false when it was not awaiting payment.
    public func markPaid(_ id: UUID, at date: Date, in scope: TenantScope) async throws -> Bool {
        try await db.requireSQL().raw("""
            UPDATE dotations SET status = \(bind: DotationStatus.paid.rawValue), paid_at = \(bind: date)
            WHERE id = \(bind: id) AND tenant_id = \(bind: scope.tenantID) AND status = \(bind: DotationStatus.awaitingPayment.rawValue) RETURNING id
            """).first() != nil
    }

    /// Awaiting payment → cancelled; false when it was not awaiting payment.
    public func cancel(_ id: UUID, in scope: TenantScope) async throws -> Bool {
        try await db.requireSQL().raw("""
            UPDATE dotations SET status = \(bind: DotationStatus.cancelled.rawValue)
            WHERE id = \(bind: id) AND tenant_id = \(bind: scope.tenantID) AND status = \(bind: DotationStatus.awaitingPayment.rawValue) RETURNING id
            """).first() != nil
    }

    /// Paid → issued at `date`; false when it was not paid (another run issued it).
    public func markIssued(_ id: UUID, at date: Date, in scope: TenantScope) async throws -> Bool {
        try await db.requireSQL().raw("""
            UPDATE dotations SET status = \(bind: DotationStatus.issued.rawValue), issued_at = \(bind: date)
            WHERE id = \(bind: id) AND tenant_id = \(bind: scope.tenantID) AND status = \(bind: DotationStatus.paid.rawValue) RETURNING id
            """).first() != nil
    }

    private func detail(_ query: QueryBuilder<Dotation>) async throws -> Detail? {
        guard let dotation = try await query.with(\.$tenant).with(\.$lines, { $0.with(\.$user) }).first() else { return nil }
        let lines = try dotation.lines.sorted { $0.position < $1.position }.map {
            Detail.Line(id: try $0.requireID(), userID: $0.$user.id, amountCents: $0.amountCents, email: $0.user.email,
                        firstName: $0.user.firstName, lastName: $0.user.lastName)
        }
        return Detail(record: try DotationRecord(dotation), tenant: try TenantRecord(dotation.tenant), paidAt: dotation.paidAt, lines: lines)
    }
}

extension Tables {
    public var dotations: DotationTable { DotationTable(db: db) }
}
