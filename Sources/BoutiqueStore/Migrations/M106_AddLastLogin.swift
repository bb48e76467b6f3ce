import BoutiqueCore
import FluentKit
import SQLKit

/// When each user last logged in (Unix seconds), for the operator's staff page: an account nobody
/// uses any more is one to disable.
struct M106_AddLastLogin: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.requireSQL().raw("ALTER TABLE users ADD COLUMN last_login_at BIGINT").run()
    }

    func revert(on database: any Database) async throws {
        try await database.requireSQL().raw("ALTER TABLE users DROP COLUMN last_login_at").run()
    }
}
