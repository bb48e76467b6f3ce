import BoutiqueCore
import Foundation
import SQLKit

extension CardLedger {
    /// Whether a card already fills `card`'s order line position (a concurrent run of the same
    /// issue), which makes a failed insert final rather than a number to draw again.
    public static func positionTaken(by card: NewCard, in tables: Tables) async throws -> Bool {
        try await tables.db.requireSQL().raw("""
            SELECT 1 AS taken FROM cards WHERE order_line_id = \(bind: card.orderLineID) AND line_index = \(bind: card.lineIndex)
            """).first() != nil
    }
}
