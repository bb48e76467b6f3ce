import BoutiqueCore
import BoutiqueStore
import Foundation

/// The CSE's limits as the employee should see them before « Commander » (the product page and
/// the cart), so that a refusal at ordering is no surprise: the per-order maximum, the yearly cap
/// and what is left of it this year (orders awaiting payment count, as `Orders.place` counts them).
public struct PurchaseLimits: Sendable, Equatable {
    public let maxOrder: Money?
    public let yearlyCap: Money?
    public let leftThisYear: Money?
    /// Of what is counted this year, the part still awaiting payment.
    public let awaitingPayment: Money

    public var isEmpty: Bool { maxOrder == nil && yearlyCap == nil }
}

extension Orders {
    /// The actor's limits now; nil for anyone but an employee of an open CSE. A reading only: the
    /// check that counts is `place`'s, under the buyer's lock.
    public func limits(actor: AccountActor) async throws -> PurchaseLimits? {
        guard actor.role == .employee, let scope = actor.scope, let tenant = try await database.tables.tenants.find(scope) else { return nil }
        let settings = tenant.settings
        guard let cap = settings.yearlyCapCents else {
            return PurchaseLimits(maxOrder: settings.maxOrderCents.map { Money(cents: $0) }, yearlyCap: nil, leftThisYear: nil, awaitingPayment: .zero)
        }
        let (paid, committed) = try await yearToDate(of: actor.id, in: database.tables)
        return PurchaseLimits(maxOrder: settings.maxOrderCents.map { Money(cents: $0) }, yearlyCap: Money(cents: cap),
                              leftThisYear: Money(cents: max(0, cap - committed)), awaitingPayment: Money(cents: max(0, committed - paid)))
    }
}
