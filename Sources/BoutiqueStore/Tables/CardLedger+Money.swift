import BoutiqueCore
import Foundation

// The ledger's statements that an order's issue and refund run in their transaction (`tables`):
// its cards commit or vanish together with the order's change of state.
extension CardLedger {
    /// The cards of one order line, by position.
    public static func cards(orderLineID: UUID, in tables: Tables) async throws -> [CardRecord] {
        try await cards(orderLineID: orderLineID, on: try tables.db.requireSQL())
    }

    /// Writes a new card; false when its number was drawn already (see `insert(_:on:)`).
    public static func insert(_ card: NewCard, in tables: Tables) async throws -> Bool {
        try await insert(card, on: try tables.db.requireSQL())
    }

    /// Blocks a card of a refunded order and writes its balance off (see `refund(cardID:…on:)`).
    public static func refund(cardID: UUID, reference: String, now: EpochMilliseconds, in tables: Tables) async throws -> Int64? {
        try await refund(cardID: cardID, reference: reference, now: now, on: try tables.db.requireSQL())
    }
}
