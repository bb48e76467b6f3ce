import BoutiqueCore
import FluentKit

/// The ten single-use recovery codes of a staff account's second factor (hashes only): the way in
/// when the phone with the authenticator is lost, without asking the operator.
struct M105_CreateRecoveryCodes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(RecoveryCodeTable.table)
            .id()
            .field("user_id", .uuid, .required, .references("users", .id, onDelete: .cascade))
            .field("code_hash", .string, .required)
            .field("created_at", .int64, .required)
            .field("used_at", .int64)
            .unique(on: "user_id", "code_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RecoveryCodeTable.table).delete()
    }
}
