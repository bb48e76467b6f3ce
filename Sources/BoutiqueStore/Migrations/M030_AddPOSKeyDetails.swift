import BoutiqueCore
import FluentKit

/// What the operator's console shows of a POS key without keeping the key: the first characters
/// of its random part (`bpos_Ab3x…`), and when it last authenticated a request.
///
/// Runs with the card migrations, after `M101` created `pos_keys`.
struct M030_AddPOSKeyDetails: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds a single column per ALTER TABLE.
        try await database.schema(CardTable.posKeys).field("hint", .string).update()
        try await database.schema(CardTable.posKeys).field("last_used_at", .int64).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CardTable.posKeys).deleteField("last_used_at").update()
        try await database.schema(CardTable.posKeys).deleteField("hint").update()
    }
}
