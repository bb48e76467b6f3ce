import BoutiqueCore
import BoutiqueStore
import Foundation

/// Finds orders by number, customer e-mail or name, CSE and status, newest first, fifty a page.
/// The operator searches every CSE; a manager's search stays inside their own CSE whatever the
/// criteria say; an employee finds nothing.
public struct OrderSearch: Sendable {
    public static let pageSize = 50

    /// What the console's search form asks for.
    public struct Criteria: Sendable, Equatable {
        /// Part of the order number (`CMD-000123`, `123`), of the customer's e-mail or of their name.
        public var text: String
        public var tenantID: UUID?
        public var status: OrderStatus?
        /// From 1.
        public var page: Int

        public init(text: String = "", tenantID: UUID? = nil, status: OrderStatus? = nil, page: Int = 1) {
            self.text = text
            self.tenantID = tenantID
            self.status = status
            self.page = page
        }
    }

    /// One page of matching orders, each with its customer and CSE loaded.
    public struct Results: Sendable {
        public let orders: [OrderRecord]
        /// Orders matching, over all pages.
        public let total: Int
        public let page: Int
        public let pageCount: Int

        public var hasPrevious: Bool { page > 1 }
        public var hasNext: Bool { page < pageCount }
    }

    let database: BoutiqueDatabase

    public init(database: BoutiqueDatabase) { self.database = database }

    public func search(actor: AccountActor, _ criteria: Criteria) async throws -> Results {
        let page = max(1, criteria.page)
        let filter = OrderTable.SearchFilter(text: String(FieldRules.clean(criteria.text).prefix(100)).lowercased(), status: criteria.status)
        let start = (page - 1) * Self.pageSize
        let range = start..<(start + Self.pageSize)
        let orders = database.tables.orders
        let found: (total: Int, orders: [OrderRecord])
        switch actor.role {
        case .operator:
            if let scope = actor.scope(for: criteria.tenantID) {
                found = try await orders.search(filter, in: scope, range: range)
            } else {
                found = try await orders.search(acrossTenants: filter, range: range)
            }
        case .manager:
            guard let scope = actor.scope else { return Results(orders: [], total: 0, page: page, pageCount: 1) }
            found = try await orders.search(filter, in: scope, range: range)
        case .employee: return Results(orders: [], total: 0, page: page, pageCount: 1)
        }
        let total = found.total
        return Results(orders: found.orders, total: total, page: page, pageCount: max(1, (total + Self.pageSize - 1) / Self.pageSize))
    }

    /// The newest orders of the manager's CSE with their customers: the manager's read-only list.
    public func latest(actor: AccountActor, limit: Int = 300) async throws -> [OrderRecord] {
        guard actor.role == .manager, let scope = actor.scope else { return [] }
        return try await database.tables.orders.latest(in: scope, limit: limit)
    }

    /// One order with everything the operator's page shows: lines, payment attempts, customer,
    /// CSE, and the provider's notifications about its attempts.
    public struct Detail: Sendable {
        public let order: OrderRecord
        public let notifications: [PaymentNotificationRecord]
    }

    /// Operators only. - Returns: nil for an unknown id.
    public func detail(actor: AccountActor, id: UUID) async throws -> Detail? {
        guard actor.role == .operator, let order = try await database.tables.orders.full(acrossTenants: id) else { return nil }
        let notifications = try await database.tables.payments.notifications(about: order.attempts.map(\.reference))
        return Detail(order: order, notifications: notifications)
    }
}
