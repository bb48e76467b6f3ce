import BoutiqueCore
import BoutiqueStore
import FluentKit
import Foundation
import SQLKit

/// Order status changes shared by payments, card issuance and refunds: a guarded UPDATE, so that
/// concurrent jobs, duplicates and replays change an order at most once.
enum OrderTransition {
    /// Moves an order between states if, and only if, it is still in one of `from`.
    /// - Returns: whether this call made the change (false: another one did, or it is elsewhere).
    /// - Throws: `OrderTransitionError` when a state of `from` may not move to `to`: a caller's
    ///   mistake, answered as a failure rather than as "someone else changed it".
    @discardableResult
    static func move(orderID: UUID, from: [OrderStatus], to: OrderStatus, on db: any Database) async throws -> Bool {
        for state in from { _ = try state.moving(to: to) }
        let allowed = from.map { SQLLiteral.string($0.rawValue) }
        guard !allowed.isEmpty else { return false }
        let sql = try db.requireSQL()
        let rows = try await sql.raw("""
            UPDATE orders SET status = \(bind: to.rawValue), updated_at = \(bind: Date())
            WHERE id = \(bind: orderID) AND status IN (\(SQLList(allowed))) RETURNING id
            """).all()
        return !rows.isEmpty
    }
}
