import BoutiqueCore
import FluentKit
import Foundation

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

    /// What `userID` paid since `start`: their validated and activated orders' totals.
    public func paidTotal(by userID: UUID, since start: Date) async throws -> Int {
        let orders = try await Order.query(on: db).filter(\.$user.$id == userID)
            .filter(\.$status ~~ [OrderStatus.validated, OrderStatus.activated])
            .filter(\.$createdAt >= start).all()
        return orders.reduce(0) { $0 + $1.totalCents }
    }

    /// One of the buyer's own orders, with its lines.
    public func own(_ id: UUID, by userID: UUID) async throws -> OrderRecord? {
        try await Order.query(on: db).filter(\.$id == id).filter(\.$user.$id == userID)
            .with(\.$lines).first().map(OrderRecord.init)
    }
}

extension Tables {
    public var orders: OrderTable { OrderTable(db: db) }
}
