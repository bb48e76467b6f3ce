import BoutiqueCore
import BoutiqueStore
import Foundation

/// Order status changes shared by payments, card issuance and refunds: a guarded UPDATE
/// (`OrderTable.move`), so that concurrent jobs, duplicates and replays change an order at most once.
enum OrderTransition {
    /// Moves an order between states if, and only if, it is still in one of `from`.
    /// - Returns: whether this call made the change (false: another one did, or it is elsewhere).
    /// - Throws: `OrderTransitionError` when a state of `from` may not move to `to`: a caller's
    ///   mistake, answered as a failure rather than as "someone else changed it".
    @discardableResult
    static func move(orderID: UUID, from: [OrderStatus], to: OrderStatus, in tables: Tables) async throws -> Bool {
        for state in from { _ = try state.moving(to: to) }
        return try await tables.orders.move(orderID, from: from, to: to)
    }
}
