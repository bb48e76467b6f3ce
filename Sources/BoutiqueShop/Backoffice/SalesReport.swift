import BoutiqueCore
import BoutiqueStore
import Foundation

/// The operator's dashboard figures: sales (employees' orders and CSEs' dotations), savings and
/// cards per French day, and the CSEs that buy most. Rows are grouped in Swift rather than in SQL: day boundaries follow Paris time on
/// both engines, and thirty days of orders are a few thousand rows at most.
public struct SalesReport: Sendable {
    /// One French day's figures.
    public struct Day: Sendable, Equatable {
        public let date: CalendarDate
        /// Orders and dotations paid that day.
        public var salesCents = 0
        /// The dotations' part of `salesCents`.
        public var dotationCents = 0
        public var savingsCents = 0
        public var cardsIssued = 0
        public var cardsRedeemed = 0
    }

    public struct TopTenant: Sendable, Equatable {
        public let name: String
        public let salesCents: Int
        public let orders: Int
        public let dotations: Int
    }

    public let days: [Day]
    public let topTenants: [TopTenant]

    /// Orders that were paid count, even when refunded later: the refund is its own event.
    static let soldStatuses: [OrderStatus] = [.validated, .activated, .refunded]
    /// A dotation counts the day the operator records the CSE's transfer, like an order its payment.
    static let paidDotationStatuses: [DotationStatus] = [.paid, .issued]

    /// The `dayCount` French days ending with the day of `now`.
    public static func load(database: BoutiqueDatabase, replica: ReadReplica? = nil, now: Date = Date(), dayCount: Int = 30, topCount: Int = 5) async throws -> SalesReport {
        let today = FrenchCalendar.today(now)
        let first = today.addingDays(-(dayCount - 1))
        let since = FrenchCalendar.start(of: first)
        var days = (0..<dayCount).map { Day(date: first.addingDays($0)) }
        let index = Dictionary(uniqueKeysWithValues: days.enumerated().map { ($1.date, $0) })
        let reports = await database.reports(replica: replica)
        let orders = try await reports.orderSales(acrossTenants: since, statuses: soldStatuses)
        for order in orders {
            guard let paidAt = order.paidAt, let position = index[FrenchCalendar.today(paidAt)] else { continue }
            days[position].salesCents += order.totalCents
            days[position].savingsCents += order.savingsCents
        }
        let dotations = try await reports.dotationSales(acrossTenants: since, statuses: paidDotationStatuses)
        for dotation in dotations {
            guard let paidAt = dotation.paidAt, let position = index[FrenchCalendar.today(paidAt)] else { continue }
            days[position].salesCents += dotation.totalCents
            days[position].dotationCents += dotation.totalCents
        }
        for time in try await reports.cardIssueTimes(acrossTenants: since) {
            if let position = index[FrenchCalendar.today(time)] { days[position].cardsIssued += 1 }
        }
        for time in try await reports.redemptionTimes(acrossTenants: since) {
            if let position = index[FrenchCalendar.today(time)] { days[position].cardsRedeemed += 1 }
        }
        return SalesReport(days: days, topTenants: top(orders, dotations, count: topCount))
    }

    /// The CSEs by amount sold, dotations included; a refunded order no longer counts for its CSE.
    private static func top(_ orders: [ReportTable.Sale], _ dotations: [ReportTable.Sale], count: Int) -> [TopTenant] {
        var totals: [UUID: (name: String, cents: Int, orders: Int, dotations: Int)] = [:]
        for order in orders where order.status != .refunded {
            let current = totals[order.tenantID] ?? (order.cseName ?? "", 0, 0, 0)
            totals[order.tenantID] = (current.name, current.cents + order.totalCents, current.orders + 1, current.dotations)
        }
        for dotation in dotations {
            let current = totals[dotation.tenantID] ?? (dotation.cseName ?? "", 0, 0, 0)
            totals[dotation.tenantID] = (current.name, current.cents + dotation.totalCents, current.orders, current.dotations + 1)
        }
        return totals.values.sorted { $0.cents != $1.cents ? $0.cents > $1.cents : $0.name < $1.name }.prefix(count)
            .map { TopTenant(name: $0.name, salesCents: $0.cents, orders: $0.orders, dotations: $0.dotations) }
    }
}
