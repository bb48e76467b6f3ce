import BoutiqueCore
import FluentKit
import Foundation
import SQLKit

extension OrderTable {
    /// What a card shows of the order line it was bought with.
    public struct CardPurchase: Sendable {
        public let productName: String
        public let orderReference: String
    }

    /// The order lines `ids` of the scope's CSE with their order's reference, in one statement
    /// (through Fluent's eager loading it was two queries, built at more cost than SQLite took to
    /// answer them): the cards' list page reads these for every visit.
    public func cardPurchases(lines ids: [UUID], in scope: TenantScope) async throws -> [UUID: CardPurchase] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.requireSQL().raw("""
            SELECT l.id, l.product_name, o.reference FROM order_lines l JOIN orders o ON o.id = l.order_id
            WHERE l.id IN (\(binds: ids)) AND o.tenant_id = \(bind: scope.tenantID)
            """).all()
        var purchases: [UUID: CardPurchase] = [:]
        for row in rows {
            purchases[try row.decode(column: "id", as: UUID.self)] = CardPurchase(
                productName: try row.decode(column: "product_name", as: String.self),
                orderReference: try row.decode(column: "reference", as: String.self))
        }
        return purchases
    }
}
