import BoutiqueCore
import FluentKit
import Foundation
import SQLKit

/// The figures and files of the consoles: read-only views over orders, dotations, cards and
/// users (the operator's dashboard and accounting export across every CSE, a manager's dashboard
/// and CSV exports within their CSE). Writes stay with each table's own gateway.
public struct ReportTable: Sendable {
    let db: any Database

    /// A paid order or dotation as the sales figures count it.
    public struct Sale: Sendable {
        public let tenantID: UUID
        /// Read by the operator's reports; nil in a manager's.
        public let cseName: String?
        /// The order's; nil for a dotation.
        public let status: OrderStatus?
        public let totalCents: Int
        public let savingsCents: Int
        public let paidAt: Date?
    }

    /// A dotation on the accounting export.
    public struct InvoicedDotation: Sendable {
        /// With its CSE's name, without lines.
        public let record: DotationRecord
        public let paidAt: Date?
    }

    /// An employee on the manager's export.
    public struct Employee: Sendable {
        public let user: UserRecord
        public let approvedAt: Date?
    }

    /// A card on the manager's export: never its number (only the last four digits) nor its PIN.
    public struct ExportedCard: Sendable {
        public let last4: String
        public let event: String
        public let faceValueCents: Int64
        public let balanceCents: Int64
        public let status: String
        public let issuedAt: Date
        /// `YYYY-MM-DD`.
        public let lastDay: String
        public let email: String?
        public let firstName: String?
        public let lastName: String?
    }

    // MARK: The operator's dashboard and accounting, across every CSE

    /// Every CSE's orders paid (validated) since `since` in one of `statuses`, with their CSE's name.
    public func orderSales(acrossTenants since: Date, statuses: [OrderStatus]) async throws -> [Sale] {
        try await Order.query(on: db).filter(\.$validatedAt >= since).filter(\.$status ~~ statuses).with(\.$tenant).all()
            .map { Sale(tenantID: $0.$tenant.id, cseName: $0.tenant.name, status: $0.status, totalCents: $0.totalCents,
                        savingsCents: $0.savingsCents, paidAt: $0.validatedAt) }
    }

    /// Every CSE's dotations paid since `since` in one of `statuses`, with their CSE's name.
    public func dotationSales(acrossTenants since: Date, statuses: [DotationStatus]) async throws -> [Sale] {
        try await Dotation.query(on: db).filter(\.$paidAt >= since).filter(\.$status ~~ statuses).with(\.$tenant).all()
            .map { Sale(tenantID: $0.$tenant.id, cseName: $0.tenant.name, status: nil, totalCents: $0.totalCents, savingsCents: 0,
                        paidAt: $0.paidAt) }
    }

    /// When each card of every CSE issued since `since` was issued.
    public func cardIssueTimes(acrossTenants since: Date) async throws -> [Date] {
        try await times("SELECT issued_at AS at FROM cards WHERE issued_at >= \(bind: EpochMilliseconds.from(since))")
    }

    /// When each redemption of every CSE's cards since `since` happened.
    public func redemptionTimes(acrossTenants since: Date) async throws -> [Date] {
        try await times("""
            SELECT created_at AS at FROM card_transactions WHERE kind = \(bind: CardTransactionKind.redemption.rawValue) \
            AND created_at >= \(bind: EpochMilliseconds.from(since))
            """)
    }

    private func times(_ query: SQLQueryString) async throws -> [Date] {
        try await db.requireSQL().raw(query).all().map { row in
            Date(timeIntervalSince1970: Double(try row.decode(column: "at", as: Int64.self)) / 1_000)
        }
    }

    /// Every CSE's orders invoiced (validated) in `start..<end`, with their CSE, buyer and attempts.
    public func invoicedOrders(acrossTenants start: Date, before end: Date) async throws -> [OrderTable.Detail] {
        try await Order.query(on: db)
            .filter(\.$validatedAt >= start).filter(\.$validatedAt < end)
            .filter(\.$invoiceNumber != nil)
            .with(\.$tenant).with(\.$user).with(\.$attempts)
            .all().map(OrderTable.Detail.init)
    }

    /// Every CSE's dotations confirmed (invoiced) in `start..<end`, with their CSE's name.
    public func invoicedDotations(acrossTenants start: Date, before end: Date) async throws -> [InvoicedDotation] {
        try await Dotation.query(on: db)
            .filter(\.$createdAt >= start).filter(\.$createdAt < end)
            .with(\.$tenant)
            .all().map { InvoicedDotation(record: try DotationRecord($0), paidAt: $0.paidAt) }
    }

    /// Every CSE's credit notes issued in `start..<end`, with the name of each one's CSE.
    public func creditNotes(acrossTenants start: Date, before end: Date) async throws -> [(note: CreditNoteRecord, cseName: String)] {
        let notes = try await CreditNoteTable(db: db).issued(acrossTenants: start, before: end)
        guard !notes.isEmpty else { return [] }
        let names = Dictionary(uniqueKeysWithValues: try await Tenant.query(on: db).all().map { (try $0.requireID(), $0.name) })
        return notes.map { ($0, names[$0.tenantID] ?? "") }
    }

    /// How many employees each dotation gives to, counted in SQL: a dotation may have 10,000 lines.
    public func employeeCounts(ofDotations ids: [UUID]) async throws -> [UUID: Int] {
        let sql = try db.requireSQL()
        var counts: [UUID: Int] = [:]
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = ids[start..<min(start + 500, ids.count)].map { SQLBind($0) }
            for row in try await sql.raw("""
                SELECT dotation_id, CAST(COUNT(*) AS BIGINT) AS lines FROM dotation_lines
                WHERE dotation_id IN (\(SQLList(chunk))) GROUP BY dotation_id
                """).all() {
                counts[try row.decode(column: "dotation_id", as: UUID.self)] = try row.decode(column: "lines", as: Int.self)
            }
        }
        return counts
    }

    // MARK: A manager's dashboard and exports, within their CSE

    /// How many of the scope's employees have `status`.
    public func employeeCount(_ status: UserStatus, in scope: TenantScope) async throws -> Int {
        try await User.query(on: db).filter(\.$tenant.$id == scope.tenantID).filter(\.$role == .employee)
            .filter(\.$status == status).count()
    }

    /// The scope's orders validated since `since` that are still paid (validated or activated).
    public func paidOrders(in scope: TenantScope, since: Date) async throws -> [Sale] {
        try await Order.query(on: db).filter(\.$tenant.$id == scope.tenantID)
            .filter(\.$status ~~ [.validated, .activated]).filter(\.$validatedAt >= since).all()
            .map { Sale(tenantID: $0.$tenant.id, cseName: nil, status: $0.status, totalCents: $0.totalCents,
                        savingsCents: $0.savingsCents, paidAt: $0.validatedAt) }
    }

    /// How many cards the scope's CSE was issued since `since`.
    public func cardsIssued(in scope: TenantScope, since: Date) async throws -> Int {
        let row = try await db.requireSQL().raw("""
            SELECT COUNT(*) AS issued FROM cards WHERE tenant_id = \(bind: scope.tenantID) AND issued_at >= \(bind: EpochMilliseconds.from(since))
            """).first()
        return try row?.decode(column: "issued", as: Int.self) ?? 0
    }

    /// How many of the scope's dotations have `status`.
    public func dotationCount(_ status: DotationStatus, in scope: TenantScope) async throws -> Int {
        try await Dotation.query(on: db).filter(\.$tenant.$id == scope.tenantID).filter(\.$status == status).count()
    }

    /// The scope's employees by last then first name.
    public func employees(in scope: TenantScope) async throws -> [Employee] {
        try await User.query(on: db).filter(\.$tenant.$id == scope.tenantID).filter(\.$role == .employee)
            .sort(\.$lastName).sort(\.$firstName).all().map { Employee(user: try UserRecord($0), approvedAt: $0.approvedAt) }
    }

    /// The scope's orders by number, with their buyers.
    public func orders(in scope: TenantScope) async throws -> [OrderRecord] {
        try await Order.query(on: db).filter(\.$tenant.$id == scope.tenantID).with(\.$user).sort(\.$number).all()
            .map(OrderRecord.init)
    }

    /// The scope's dotations by reference, with their lines and the lines' employees.
    public func dotations(in scope: TenantScope) async throws -> [DotationRecord] {
        try await Dotation.query(on: db).filter(\.$tenant.$id == scope.tenantID).sort(\.$reference)
            .with(\.$lines, { $0.with(\.$user) }).all().map(DotationRecord.init)
    }

    /// The scope's cards by issue time, with their holders.
    public func cards(in scope: TenantScope) async throws -> [ExportedCard] {
        let rows = try await db.requireSQL().raw("""
            SELECT c.last4 AS last4, c.event AS event, c.face_value_cents AS face, c.balance_cents AS balance, c.status AS status,
                   c.issued_at AS issued_at, c.last_day AS last_day, u.email AS email, u.first_name AS first_name, u.last_name AS last_name
            FROM cards c LEFT JOIN users u ON u.id = c.owner_id
            WHERE c.tenant_id = \(bind: scope.tenantID) ORDER BY c.issued_at, c.last4
            """).all()
        return try rows.map { row in
            ExportedCard(last4: try row.decode(column: "last4", as: String.self), event: try row.decode(column: "event", as: String.self),
                         faceValueCents: try row.decode(column: "face", as: Int64.self),
                         balanceCents: try row.decode(column: "balance", as: Int64.self),
                         status: try row.decode(column: "status", as: String.self),
                         issuedAt: Date(timeIntervalSince1970: Double(try row.decode(column: "issued_at", as: Int64.self)) / 1000),
                         lastDay: try row.decode(column: "last_day", as: String.self),
                         email: try row.decode(column: "email", as: String?.self),
                         firstName: try row.decode(column: "first_name", as: String?.self),
                         lastName: try row.decode(column: "last_name", as: String?.self))
        }
    }
}

extension Tables {
    public var reports: ReportTable { ReportTable(db: db) }
}
