import BoutiqueCore
import BoutiqueStore
import FluentKit
import Foundation
import SQLKit

/// The figures at the top of a CSE manager's console: what waits for them, and this month's
/// activity, with the paid orders of the last 30 days day by day for the chart.
public struct ManagerDashboard: Sendable {
    public struct Figures: Sendable {
        public var pendingAccounts = 0
        public var activeEmployees = 0
        public var ordersThisMonth = 0
        public var paidThisMonth = Money.zero
        public var savingsThisMonth = Money.zero
        public var cardsIssuedThisMonth = 0
        public var dotationsAwaitingPayment = 0
        /// Paid orders per French day, oldest first, the last 30 days (today included).
        public var dailySales: [(day: CalendarDate, amount: Money)] = []
    }

    let database: BoutiqueDatabase
    let now: @Sendable () -> Date

    public init(database: BoutiqueDatabase, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.now = now
    }

    public func figures(tenantID: UUID) async throws -> Figures {
        let today = FrenchCalendar.today(now())
        let monthStart = FrenchCalendar.start(of: (try? CalendarDate(year: today.year, month: today.month, day: 1)) ?? today)
        let windowStart = FrenchCalendar.start(of: today.addingDays(-29))
        var figures = Figures()
        let users = User.query(on: database.db).filter(\.$tenant.$id == tenantID).filter(\.$role == .employee)
        figures.pendingAccounts = try await users.copy().filter(\.$status == .pending).count()
        figures.activeEmployees = try await users.copy().filter(\.$status == .active).count()
        let paid = try await Order.query(on: database.db).filter(\.$tenant.$id == tenantID)
            .filter(\.$status ~~ [.validated, .activated]).filter(\.$validatedAt >= windowStart).all()
        let thisMonth = paid.filter { ($0.validatedAt ?? .distantPast) >= monthStart }
        figures.ordersThisMonth = thisMonth.count
        figures.paidThisMonth = Money(cents: thisMonth.reduce(0) { $0 + $1.totalCents })
        figures.savingsThisMonth = Money(cents: thisMonth.reduce(0) { $0 + $1.savingsCents })
        figures.dailySales = Self.perDay(paid, from: today.addingDays(-29), days: 30)
        figures.cardsIssuedThisMonth = try await cardsIssued(tenantID: tenantID, since: monthStart)
        figures.dotationsAwaitingPayment = try await Dotation.query(on: database.db).filter(\.$tenant.$id == tenantID)
            .filter(\.$status == .awaitingPayment).count()
        return figures
    }

    static func perDay(_ orders: [Order], from first: CalendarDate, days: Int) -> [(day: CalendarDate, amount: Money)] {
        var totals: [CalendarDate: Int] = [:]
        for order in orders { totals[FrenchCalendar.today(order.validatedAt ?? .distantPast), default: 0] += order.totalCents }
        return (0..<days).map { offset in
            let day = first.addingDays(offset)
            return (day, Money(cents: totals[day] ?? 0))
        }
    }

    private func cardsIssued(tenantID: UUID, since: Date) async throws -> Int {
        let row = try await database.sql.raw("""
            SELECT COUNT(*) AS issued FROM cards WHERE tenant_id = \(bind: tenantID) AND issued_at >= \(bind: EpochMilliseconds.from(since))
            """).first()
        return try row?.decode(column: "issued", as: Int.self) ?? 0
    }
}
