import BoutiqueCore
import FluentKit

/// The optional TOTP second factor of managers and operators.
struct M014_AddSecondFactor: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per ALTER TABLE for SQLite.
        for (name, type) in [("totp_secret", DatabaseSchema.DataType.string), ("totp_enabled_at", .datetime)] {
            try await database.schema(User.schema).field(.definition(name: .key(.string(name)), dataType: type, constraints: [])).update()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(User.schema).deleteField("totp_enabled_at").update()
        try await database.schema(User.schema).deleteField("totp_secret").update()
    }
}
