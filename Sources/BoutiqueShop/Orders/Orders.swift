import BoutiqueCore
import BoutiqueStore
import Foundation

/// Placing orders: "Commander" turns the cart into an order, in one transaction.
public struct Orders: Sendable {
    let database: BoutiqueDatabase
    let now: @Sendable () -> Date

    public init(database: BoutiqueDatabase, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.now = now
    }

    /// Creates the order from the cart: checks the terms, the CSE's limits (the yearly cap counts
    /// the orders still awaiting payment, under the buyer's lock) and every line again,
    /// takes the next order number, snapshots the lines, empties the cart. Status: awaiting payment.
    /// Any refusal changes nothing.
    public func place(actor: AccountActor, acceptedTerms: Bool) async throws -> OrderRecord {
        guard acceptedTerms else { throw FormErrors("terms", OrderMessages.termsRequired) }
        guard actor.role == .employee, let scope = actor.scope else { throw FormErrors("form", OrderMessages.productUnavailable) }
        return try await database.transaction { tables in
            guard let tenant = try await tables.tenants.find(scope), tenant.isEnabled else {
                throw FormErrors("form", OrderMessages.shopClosed)
            }
            let (cart, products) = try await Cart.summary(actor: actor, tables: tables, today: FrenchCalendar.today(now()))
            guard !cart.isEmpty else { throw FormErrors("form", OrderMessages.cartEmpty) }
            try await checkLimits(cart, tenant: tenant, actor: actor, tables: tables)
            let lines = cart.lines.compactMap { line in
                products[line.id].map {
                    OrderTable.NewOrder.Line(product: $0, faceValueCents: line.faceValue.cents, quantity: line.quantity,
                                             discountBasisPoints: line.rate.basisPoints, priceCents: line.price.cents)
                }
            }
            let order = try await tables.orders.create(
                OrderTable.NewOrder(userID: actor.id, faceTotalCents: cart.faceTotal.cents, totalCents: cart.total.cents,
                                    savingsCents: cart.savings.cents, termsAcceptedAt: now(), lines: lines), in: scope)
            try await tables.carts.clear(of: actor.id)
            return order
        }
    }

    private func checkLimits(_ cart: CartSummary, tenant: TenantRecord, actor: AccountActor, tables: Tables) async throws {
        if let limit = tenant.settings.maxOrderCents, cart.total.cents > limit {
            throw FormErrors("form", OrderMessages.orderLimit(limit: Money(cents: limit), total: cart.total))
        }
        if let cap = tenant.settings.yearlyCapCents {
            // The buyer's lock first: two placements at once each count the other's order.
            try await tables.users.lockForPurchases(actor.id)
            let (paid, committed) = try await yearToDate(of: actor.id, in: tables)
            if committed + cart.total.cents > cap {
                throw FormErrors("form", OrderMessages.yearlyCap(cap: Money(cents: cap), left: Money(cents: max(0, cap - committed)),
                                                                 awaiting: Money(cents: committed - paid)))
            }
        }
    }

    /// What the yearly cap counts for the buyer this year: the orders paid, and those plus the
    /// ones still awaiting payment within their payment lifetime (`committed`).
    func yearToDate(of userID: UUID, in tables: Tables) async throws -> (paid: Int, committed: Int) {
        let start = FrenchCalendar.startOfYear(now())
        let paid = try await tables.orders.paidTotal(by: userID, since: start)
        let committed = try await tables.orders.committedTotal(by: userID, since: start,
                                                               payableSince: now().addingTimeInterval(-Payments.abandonment))
        return (paid, committed)
    }

    /// One of the actor's own orders (an employee sees only theirs), with its lines.
    public func order(id: UUID, actor: AccountActor) async throws -> OrderRecord? {
        try await database.tables.orders.own(id, by: actor.id)
    }
}
