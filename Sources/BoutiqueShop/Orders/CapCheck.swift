import BoutiqueCore
import BoutiqueStore
import Foundation

/// The CSE's caps checked again when a payment is confirmed: the per-order limit (the CSE may
/// have lowered it since the order) and the yearly cap against the orders paid so far. Call it
/// under the buyer's lock (`UserTable.lockForPurchases`), so that two confirmations of one buyer
/// cannot both fit in the room left for one.
struct CapCheck {
    /// A cap the order would pass.
    struct Passed: Sendable, Equatable {
        let cap: Money
        let isYearly: Bool
    }

    let now: @Sendable () -> Date

    func passed(by order: OrderTable.Detail, in tables: Tables) async throws -> Passed? {
        guard let tenant = try await tables.tenants.find(TenantScope(memberOf: order.record.tenantID)) else { return nil }
        let total = order.record.totalCents
        if let limit = tenant.settings.maxOrderCents, total > limit {
            return Passed(cap: Money(cents: limit), isYearly: false)
        }
        if let cap = tenant.settings.yearlyCapCents {
            let paid = try await tables.orders.paidTotal(by: order.userID, since: FrenchCalendar.startOfYear(now()), excluding: order.record.id)
            if paid + total > cap { return Passed(cap: Money(cents: cap), isYearly: true) }
        }
        return nil
    }
}
