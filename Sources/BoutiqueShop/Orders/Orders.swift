import BoutiqueCore
import BoutiqueStore
import FluentKit
import Foundation
import SQLKit

/// Placing orders: "Commander" turns the cart into an order, in one transaction.
public struct Orders: Sendable {
    let database: BoutiqueDatabase
    let now: @Sendable () -> Date

    public init(database: BoutiqueDatabase, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.now = now
    }

    /// Creates the order from the cart: checks the terms, the CSE's limits and every line again,
    /// takes the next order number, snapshots the lines, empties the cart. Status: awaiting payment.
    /// Any refusal changes nothing.
    public func place(actor: AccountActor, acceptedTerms: Bool) async throws -> OrderRecord {
        guard acceptedTerms else { throw FormErrors("terms", OrderMessages.termsRequired) }
        guard actor.role == .employee, let tenantID = actor.tenantID else { throw FormErrors("form", OrderMessages.productUnavailable) }
        return try await database.db.transaction { db in
            guard let tenant = try await Tenant.find(tenantID, on: db), tenant.isEnabled else {
                throw FormErrors("form", OrderMessages.shopClosed)
            }
            let cart = try await Cart.summary(actor: actor, on: db, today: FrenchCalendar.today(now()))
            guard !cart.isEmpty else { throw FormErrors("form", OrderMessages.cartEmpty) }
            try await checkLimits(cart, tenant: tenant, actor: actor, on: db)
            let order = try await create(cart, tenantID: tenantID, actor: actor, on: db)
            try await CartLine.query(on: db).filter(\.$user.$id == actor.id).delete()
            return try OrderRecord(order)
        }
    }

    private func checkLimits(_ cart: CartSummary, tenant: Tenant, actor: AccountActor, on db: any Database) async throws {
        if let limit = tenant.settings.maxOrderCents, cart.total.cents > limit {
            throw FormErrors("form", OrderMessages.orderLimit(limit: Money(cents: limit), total: cart.total))
        }
        if let cap = tenant.settings.yearlyCapCents {
            let spent = try await spentThisYear(userID: actor.id, on: db)
            if spent + cart.total.cents > cap {
                throw FormErrors("form", OrderMessages.yearlyCap(cap: Money(cents: cap), left: Money(cents: max(0, cap - spent))))
            }
        }
    }

    /// What the employee paid this (French) year: validated and activated orders.
    func spentThisYear(userID: UUID, on db: any Database) async throws -> Int {
        let orders = try await Order.query(on: db).filter(\.$user.$id == userID)
            .filter(\.$status ~~ [OrderStatus.validated, OrderStatus.activated])
            .filter(\.$createdAt >= FrenchCalendar.startOfYear(now())).all()
        return orders.reduce(0) { $0 + $1.totalCents }
    }

    private func create(_ cart: CartSummary, tenantID: UUID, actor: AccountActor, on db: any Database) async throws -> Order {
        let sql = try db.requireSQL()
        let number = try await Counters.next(Counters.orders, on: sql)
        let order = Order(number: number, tenantID: tenantID, userID: actor.id, status: .awaitingPayment,
                          faceTotalCents: cart.faceTotal.cents, totalCents: cart.total.cents, savingsCents: cart.savings.cents,
                          termsAcceptedAt: now())
        try await order.create(on: db)
        let cartLines = try await CartLine.query(on: db).filter(\.$user.$id == actor.id).with(\.$product).all()
        for (position, line) in cart.lines.enumerated() {
            guard let product = cartLines.first(where: { $0.id == line.id })?.product else { continue }
            try await OrderLine(orderID: try order.requireID(), position: position + 1, productID: try product.requireID(),
                                productName: product.name, faceValueCents: line.faceValue.cents, quantity: line.quantity,
                                discountBasisPoints: line.rate.basisPoints, priceCents: line.price.cents,
                                validityMonths: product.validityMonths, usageConditions: product.usageConditions,
                                excludedCategories: product.excludedCategories).create(on: db)
        }
        return order
    }

    /// One of the actor's own orders (an employee sees only theirs), with its lines.
    public func order(id: UUID, actor: AccountActor) async throws -> OrderRecord? {
        try await Order.query(on: database.db).filter(\.$id == id).filter(\.$user.$id == actor.id)
            .with(\.$lines).first().map(OrderRecord.init)
    }
}
