import BoutiqueCore
import BoutiqueStore
import Foundation

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
    /// Where the figures are read when it is fresh.
    let replica: ReadReplica?
    let now: @Sendable () -> Date

    public init(database: BoutiqueDatabase, replica: ReadReplica? = nil, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.replica = replica
        self.now = now
    }

    /// The figures of the manager's own CSE; nil for anyone but a manager.
    public func figures(actor: AccountActor) async throws -> Figures? {
        guard actor.role == .manager, let scope = actor.scope else { return nil }
        let reports = await database.reports(replica: replica)
        let today = FrenchCalendar.today(now())
        let monthStart = FrenchCalendar.start(of: (try? CalendarDate(year: today.year, month: today.month, day: 1)) ?? today)
        let windowStart = FrenchCalendar.start(of: today.addingDays(-29))
        var figures = Figures()
        figures.pendingAccounts = try await reports.employeeCount(.pending, in: scope)
        figures.activeEmployees = try await reports.employeeCount(.active, in: scope)
        let paid = try await reports.paidOrders(in: scope, since: windowStart)
        let thisMonth = paid.filter { ($0.paidAt ?? .distantPast) >= monthStart }
        figures.ordersThisMonth = thisMonth.count
        figures.paidThisMonth = Money(cents: thisMonth.reduce(0) { $0 + $1.totalCents })
        figures.savingsThisMonth = Money(cents: thisMonth.reduce(0) { $0 + $1.savingsCents })
        figures.dailySales = Self.perDay(paid, from: today.addingDays(-29), days: 30)
        figures.cardsIssuedThisMonth = try await reports.cardsIssued(in: scope, since: monthStart)
        figures.dotationsAwaitingPayment = try await reports.dotationCount(.awaitingPayment, in: scope)
        return figures
    }

    static func perDay(_ orders: [ReportTable.Sale], from first: CalendarDate, days: Int) -> [(day: CalendarDate, amount: Money)] {
        var totals: [CalendarDate: Int] = [:]
        for order in orders { totals[FrenchCalendar.today(order.paidAt ?? .distantPast), default: 0] += order.totalCents }
        return (0..<days).map { offset in
            let day = first.addingDays(offset)
            return (day, Money(cents: totals[day] ?? 0))
        }
    }
}
