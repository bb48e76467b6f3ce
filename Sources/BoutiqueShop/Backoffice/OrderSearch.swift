import BoutiqueCore
import BoutiqueStore
import FluentKit
import FluentSQL
import Foundation
import SQLKit

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
        let scope: UUID?
        switch actor.role {
        case .operator: scope = criteria.tenantID
        case .manager:
            guard let own = actor.tenantID else { return Results(orders: [], total: 0, page: page, pageCount: 1) }
            scope = own
        case .employee: return Results(orders: [], total: 0, page: page, pageCount: 1)
        }
        let total = try await query(criteria, tenantID: scope).count()
        let start = (page - 1) * Self.pageSize
        let orders = try await query(criteria, tenantID: scope)
            .sort(\.$createdAt, .descending).sort(\.$number, .descending)
            .range(start..<(start + Self.pageSize))
            .with(\.$user).with(\.$tenant).all()
        return Results(orders: try orders.map(OrderRecord.init), total: total, page: page, pageCount: max(1, (total + Self.pageSize - 1) / Self.pageSize))
    }

    /// The newest orders of the manager's CSE with their customers: the manager's read-only list.
    public func latest(actor: AccountActor, limit: Int = 300) async throws -> [OrderRecord] {
        guard actor.role == .manager, let tenantID = actor.tenantID else { return [] }
        return try await Order.query(on: database.db).filter(\.$tenant.$id == tenantID)
            .sort(\.$createdAt, .descending).with(\.$user).with(\.$lines).limit(limit).all().map(OrderRecord.init)
    }

    /// One order with everything the operator's page shows: lines, payment attempts, customer,
    /// CSE, and the provider's notifications about its attempts.
    public struct Detail: Sendable {
        public let order: OrderRecord
        public let notifications: [PaymentNotificationRecord]
    }

    /// Operators only. - Returns: nil for an unknown id.
    public func detail(actor: AccountActor, id: UUID) async throws -> Detail? {
        guard actor.role == .operator,
              let order = try await Order.query(on: database.db).filter(\.$id == id).with(\.$lines).with(\.$attempts)
                .with(\.$user).with(\.$tenant).first() else { return nil }
        let references = order.attempts.map(\.reference)
        let notifications = references.isEmpty ? [] : try await PaymentNotification.query(on: database.db)
            .filter(\.$reference ~~ references).sort(\.$receivedAt).all()
        return Detail(order: try OrderRecord(order), notifications: notifications.map(PaymentNotificationRecord.init))
    }

    private func query(_ criteria: Criteria, tenantID: UUID?) -> QueryBuilder<Order> {
        let query = Order.query(on: database.db).join(User.self, on: \Order.$user.$id == \User.$id)
        if let tenantID { query.filter(\.$tenant.$id == tenantID) }
        if let status = criteria.status { query.filter(\.$status == status) }
        let text = String(FieldRules.clean(criteria.text).prefix(100)).lowercased()
        guard !text.isEmpty else { return query }
        // LOWER on both sides: LIKE is case-sensitive on PostgreSQL, not on SQLite.
        let pattern = "%" + Self.escapeLike(text) + "%"
        return query.group(.or) { group in
            for column in ["orders.reference", "users.email", "users.first_name || ' ' || users.last_name",
                           "users.last_name || ' ' || users.first_name"] {
                group.filter(.sql(embed: "LOWER(\(unsafeRaw: column)) LIKE \(bind: pattern) ESCAPE '\\'"))
            }
        }
    }

    /// Typed `%`, `_` and `\` are searched for as themselves.
    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}
