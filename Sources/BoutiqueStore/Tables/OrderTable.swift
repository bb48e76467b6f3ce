import BoutiqueCore
import FluentKit
import FluentSQL
import Foundation
import SQLKit

/// `orders` and their `order_lines`: the employees' orders. Each order belongs to its buyer and
/// to the CSE it was placed in.
public struct OrderTable: Sendable {
    let db: any Database

    /// An order to write: its lines are the cart's, frozen with the product's terms of the day.
    public struct NewOrder: Sendable {
        public struct Line: Sendable {
            public let product: ProductRecord
            public let faceValueCents: Int
            public let quantity: Int
            public let discountBasisPoints: Int
            public let priceCents: Int

            public init(product: ProductRecord, faceValueCents: Int, quantity: Int, discountBasisPoints: Int, priceCents: Int) {
                self.product = product
                self.faceValueCents = faceValueCents
                self.quantity = quantity
                self.discountBasisPoints = discountBasisPoints
                self.priceCents = priceCents
            }
        }

        public let userID: UUID
        public let faceTotalCents: Int
        public let totalCents: Int
        public let savingsCents: Int
        public let termsAcceptedAt: Date
        public let lines: [Line]

        public init(userID: UUID, faceTotalCents: Int, totalCents: Int, savingsCents: Int, termsAcceptedAt: Date, lines: [Line]) {
            self.userID = userID
            self.faceTotalCents = faceTotalCents
            self.totalCents = totalCents
            self.savingsCents = savingsCents
            self.termsAcceptedAt = termsAcceptedAt
            self.lines = lines
        }
    }

    /// Writes the order awaiting payment with the next order number, and its lines.
    public func create(_ new: NewOrder, in scope: TenantScope) async throws -> OrderRecord {
        let number = try await Counters.next(Counters.orders, on: try db.requireSQL())
        let order = Order(number: number, tenantID: scope.tenantID, userID: new.userID, status: .awaitingPayment,
                          faceTotalCents: new.faceTotalCents, totalCents: new.totalCents, savingsCents: new.savingsCents,
                          termsAcceptedAt: new.termsAcceptedAt)
        try await order.create(on: db)
        var lines: [OrderLine] = []
        for (position, line) in new.lines.enumerated() {
            let row = OrderLine(orderID: try order.requireID(), position: position + 1, productID: line.product.id,
                                productName: line.product.name, faceValueCents: line.faceValueCents, quantity: line.quantity,
                                discountBasisPoints: line.discountBasisPoints, priceCents: line.priceCents,
                                validityMonths: line.product.validityMonths, usageConditions: line.product.usageConditions,
                                excludedCategories: line.product.excludedCategories)
            try await row.create(on: db)
            lines.append(row)
        }
        order.$lines.value = lines
        return try OrderRecord(order)
    }

    /// What `userID` paid since `start`: their validated and activated orders' totals, `excluding`
    /// one order (the one whose payment is being confirmed).
    public func paidTotal(by userID: UUID, since start: Date, excluding excluded: UUID? = nil) async throws -> Int {
        let query = Order.query(on: db).filter(\.$user.$id == userID)
            .filter(\.$status ~~ [OrderStatus.validated, OrderStatus.activated])
            .filter(\.$createdAt >= start)
        if let excluded { query.filter(\.$id != excluded) }
        return try await query.all().reduce(0) { $0 + $1.totalCents }
    }

    /// What `userID` has paid or may still pay since `start`: paid orders, orders whose payment
    /// awaits the provider's confirmation, and orders awaiting payment (or a retry after a
    /// refusal) placed since `payableSince`, the start of their payment lifetime.
    public func committedTotal(by userID: UUID, since start: Date, payableSince: Date) async throws -> Int {
        let paid = try await paidTotal(by: userID, since: start)
        let confirming = try await Order.query(on: db).filter(\.$user.$id == userID)
            .filter(\.$status == .awaitingPaymentConfirmation).filter(\.$createdAt >= start).all()
        let payable = try await Order.query(on: db).filter(\.$user.$id == userID)
            .filter(\.$status ~~ [OrderStatus.awaitingPayment, OrderStatus.paymentRefused])
            .filter(\.$createdAt >= max(start, payableSince)).all()
        return paid + (confirming + payable).reduce(0) { $0 + $1.totalCents }
    }

    /// The order's status as last committed (read after taking a lock, it is the current one).
    public func status(of orderID: UUID) async throws -> OrderStatus? {
        try await db.requireSQL().raw("SELECT status FROM orders WHERE id = \(bind: orderID)").first()
            .flatMap { try? $0.decode(column: "status", as: String.self) }.flatMap(OrderStatus.init(rawValue:))
    }

    /// Records the charge that paid the order (in the transaction that validated it).
    public func setPaidAttempt(_ orderID: UUID, attemptID: UUID) async throws {
        try await db.requireSQL().raw("UPDATE orders SET paid_attempt_id = \(bind: attemptID) WHERE id = \(bind: orderID)").run()
    }

    /// The charge that paid the order, when recorded (orders paid before it was kept have none).
    public func paidAttempt(of orderID: UUID) async throws -> UUID? {
        try await Order.find(orderID, on: db)?.paidAttemptID
    }

    /// Adds `cents` to what the order's buyer got back (in the refund's transaction).
    public func addRefunded(_ orderID: UUID, cents: Int) async throws {
        try await db.requireSQL().raw("UPDATE orders SET refunded_cents = refunded_cents + \(bind: cents) WHERE id = \(bind: orderID)").run()
    }

    /// One of the buyer's own orders, with its lines.
    public func own(_ id: UUID, by userID: UUID) async throws -> OrderRecord? {
        try await Order.query(on: db).filter(\.$id == id).filter(\.$user.$id == userID)
            .with(\.$lines).first().map(OrderRecord.init)
    }

    /// An order with what payments, card issuance, refunds, invoices and reports need beyond the
    /// record: the buyer's id, the validation time and the lines' ids and card terms.
    public struct Detail: Sendable {
        /// A line with its id (the cards' `order_line_id`) and the terms its cards get.
        public struct Line: Sendable {
            public let id: UUID
            public let position: Int
            public let faceValueCents: Int
            public let quantity: Int
            public let priceCents: Int
            public let validityMonths: Int
            public let usageConditions: String
            public let excludedCategories: [String]
        }

        /// Lines, attempts, buyer and CSE name as the method read them.
        public let record: OrderRecord
        public let userID: UUID
        /// The buyer (`record.customer`), always read with a detail.
        public let buyer: UserRecord
        public let validatedAt: Date?
        /// When its cards were issued.
        public let activatedAt: Date?
        /// Sorted by position.
        public let lines: [Line]

        init(_ order: Order) throws {
            record = try OrderRecord(order)
            userID = order.$user.id
            buyer = try UserRecord(order.user)
            validatedAt = order.validatedAt
            activatedAt = order.activatedAt
            lines = try (order.$lines.value ?? []).sorted { $0.position < $1.position }.map {
                Line(id: try $0.requireID(), position: $0.position, faceValueCents: $0.faceValueCents, quantity: $0.quantity,
                     priceCents: $0.priceCents, validityMonths: $0.validityMonths, usageConditions: $0.usageConditions,
                     excludedCategories: $0.excludedCategories)
            }
        }
    }

    /// Moves an order to `to` if, and only if, it is still in one of `from`: a guarded UPDATE, so
    /// concurrent jobs, duplicates and replays change an order at most once (and, on PostgreSQL, it
    /// takes the row's lock). - Returns: whether this call made the change.
    public func move(_ orderID: UUID, from: [OrderStatus], to: OrderStatus) async throws -> Bool {
        let allowed = from.map { SQLLiteral.string($0.rawValue) }
        guard !allowed.isEmpty else { return false }
        let sql = try db.requireSQL()
        let rows = try await sql.raw("""
            UPDATE orders SET status = \(bind: to.rawValue), updated_at = \(bind: Date())
            WHERE id = \(bind: orderID) AND status IN (\(SQLKit.SQLList(allowed))) RETURNING id
            """).all()
        return !rows.isEmpty
    }

    /// The buyer's newest orders in the scope's CSE, with their lines (« Gérez vos commandes »).
    public func history(of userID: UUID, in scope: TenantScope, limit: Int) async throws -> [OrderRecord] {
        try await Order.query(on: db).filter(\.$user.$id == userID).filter(\.$tenant.$id == scope.tenantID)
            .sort(\.$createdAt, .descending).with(\.$lines).limit(limit).all().map(OrderRecord.init)
    }

    /// One of the buyer's own orders in the scope's CSE with its lines and the buyer: what its
    /// invoice prints.
    public func ownDetail(_ id: UUID, by userID: UUID, in scope: TenantScope) async throws -> Detail? {
        try await Order.query(on: db).filter(\.$id == id).filter(\.$user.$id == userID).filter(\.$tenant.$id == scope.tenantID)
            .with(\.$lines).with(\.$user).first().map(Detail.init)
    }

    /// Any CSE's order with its lines, attempts and buyer: what the payment, issuing and refund
    /// jobs, which have only its id, work on.
    public func detail(acrossTenants id: UUID) async throws -> Detail? {
        try await Order.query(on: db).filter(\.$id == id).with(\.$lines).with(\.$user).with(\.$attempts).first().map(Detail.init)
    }

    /// Records what the reconciliation noticed about the order's payment, for the operator.
    public func flagPayment(_ orderID: UUID, _ flag: String) async throws {
        try await Order.query(on: db).filter(\.$id == orderID).set(\.$paymentFlag, to: flag).update()
    }

    /// Gives a just validated order the next number of the gap-free invoice counter, its
    /// validation time and the buyer its invoice names from now on (call it in the transaction
    /// that validated it).
    public func markInvoiced(_ orderID: UUID, at time: Date) async throws {
        let sql = try db.requireSQL()
        let invoice = try await Counters.next(Counters.invoices, on: sql)
        let buyer = try await Order.query(on: db).filter(\.$id == orderID).with(\.$user).first()?.$user.value.map { try UserRecord($0) }
        try await sql.raw("""
            UPDATE orders SET invoice_number = \(bind: invoice), validated_at = \(bind: time), invoice_buyer_name = \(bind: buyer?.displayName),
            invoice_buyer_email = \(bind: buyer?.email) WHERE id = \(bind: orderID)
            """).run()
    }

    /// Stamps an order's activation (its cards were issued in the same transaction).
    public func markActivated(_ orderID: UUID, at time: Date) async throws {
        try await db.requireSQL().raw("UPDATE orders SET activated_at = \(bind: time) WHERE id = \(bind: orderID)").run()
    }

    /// An order waiting on its payment, with its latest attempt.
    public struct Waiting: Sendable {
        public let id: UUID
        public let latestAttempt: PaymentTable.Attempt?
    }

    /// Every CSE's orders awaiting the provider's confirmation, unchanged since before
    /// `updatedBefore`: the reconciliation asks the provider about them.
    public func awaitingConfirmation(acrossTenants updatedBefore: Date) async throws -> [Waiting] {
        try await Order.query(on: db).filter(\.$status == .awaitingPaymentConfirmation)
            .filter(\.$updatedAt < updatedBefore).with(\.$attempts).all().map(Self.waiting)
    }

    /// Every CSE's orders awaiting payment, placed before `createdBefore`: the reconciliation
    /// cancels them (after a last look at their latest attempt).
    public func awaitingPayment(acrossTenants createdBefore: Date) async throws -> [Waiting] {
        try await Order.query(on: db).filter(\.$status == .awaitingPayment)
            .filter(\.$createdAt < createdBefore).with(\.$attempts).all().map(Self.waiting)
    }

    private static func waiting(_ order: Order) throws -> Waiting {
        Waiting(id: try order.requireID(), latestAttempt: try PaymentTable.latest(order.attempts).map(PaymentTable.Attempt.init))
    }

    /// What the console's order search matches: part of the order number, of the buyer's e-mail or
    /// of their name (`text`, lowercased: both sides are compared in lower case), and a status.
    public struct SearchFilter: Sendable {
        public let text: String
        public let status: OrderStatus?

        public init(text: String, status: OrderStatus?) {
            self.text = text
            self.status = status
        }
    }

    /// The scope's orders matching `filter`: how many in all, and those of `range` (newest first)
    /// with their buyers and CSE.
    public func search(_ filter: SearchFilter, in scope: TenantScope, range: Range<Int>) async throws -> (total: Int, orders: [OrderRecord]) {
        try await search(filter, tenantID: scope.tenantID, range: range)
    }

    /// Every CSE's orders matching `filter` (the operator's search without a CSE).
    public func search(acrossTenants filter: SearchFilter, range: Range<Int>) async throws -> (total: Int, orders: [OrderRecord]) {
        try await search(filter, tenantID: nil, range: range)
    }

    private func search(_ filter: SearchFilter, tenantID: UUID?, range: Range<Int>) async throws -> (total: Int, orders: [OrderRecord]) {
        let total = try await query(filter, tenantID: tenantID).count()
        let orders = try await query(filter, tenantID: tenantID)
            .sort(\.$createdAt, .descending).sort(\.$number, .descending)
            .range(range)
            .with(\.$user).with(\.$tenant).all()
        return (total, try orders.map(OrderRecord.init))
    }

    private func query(_ filter: SearchFilter, tenantID: UUID?) -> QueryBuilder<Order> {
        let query = Order.query(on: db).join(User.self, on: \Order.$user.$id == \User.$id)
        if let tenantID { query.filter(\.$tenant.$id == tenantID) }
        if let status = filter.status { query.filter(\.$status == status) }
        let text = filter.text
        guard !text.isEmpty else { return query }
        // LOWER on both sides: LIKE is case-sensitive on PostgreSQL, not on SQLite.
        let pattern = SQLLike.containing(text)
        return query.group(.or) { group in
            for column in ["orders.reference", "users.email", "users.first_name || ' ' || users.last_name",
                           "users.last_name || ' ' || users.first_name"] {
                group.filter(.sql(embed: "LOWER(\(unsafeRaw: column)) LIKE \(bind: pattern) ESCAPE '\\'"))
            }
        }
    }

    /// The scope's newest orders with their buyers and lines (the manager's read-only list).
    public func latest(in scope: TenantScope, limit: Int) async throws -> [OrderRecord] {
        try await Order.query(on: db).filter(\.$tenant.$id == scope.tenantID)
            .sort(\.$createdAt, .descending).with(\.$user).with(\.$lines).limit(limit).all().map(OrderRecord.init)
    }

    /// Any CSE's order with its lines, attempts, buyer and CSE (the operator's order page).
    public func full(acrossTenants id: UUID) async throws -> OrderRecord? {
        try await Order.query(on: db).filter(\.$id == id).with(\.$lines).with(\.$attempts).with(\.$refunds)
            .with(\.$user).with(\.$tenant).first().map(OrderRecord.init)
    }
}

extension Tables {
    public var orders: OrderTable { OrderTable(db: db) }
}
