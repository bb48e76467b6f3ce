import BoutiqueCore
import FluentKit
import SQLKit

/// Accounts: identification keys, single-use tokens (e-mail verification, password reset,
/// e-mail change), sessions, throttling counters, and the account columns these need.
struct M008_CreateAccounts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per ALTER TABLE: SQLite adds a single column per statement.
        let columns: [(String, DatabaseSchema.DataType)] = [
            ("rejection_reason", .string), ("pending_email", .string), ("identification_key_id", .uuid),
            ("verified_at", .datetime), ("approved_at", .datetime),
        ]
        for (name, type) in columns {
            try await database.schema(User.schema).field(.definition(name: .key(.string(name)), dataType: type, constraints: [])).update()
        }
        try await database.schema(IdentificationKey.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references(Tenant.schema, .id, onDelete: .cascade))
            .field("code", .string, .required)
            .field("label", .string, .required)
            .field("auto_approve", .bool, .required)
            .field("revoked_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "tenant_id", "code")
            .create()
        try await database.schema(AccountToken.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .cascade))
            .field("purpose", .string, .required)
            .field("token_hash", .string, .required)
            .field("new_email", .string)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("""
            CREATE TABLE sessions (
                id_hash TEXT PRIMARY KEY,
                user_id TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                last_seen_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL
            )
            """).run()
        try await sql.raw("CREATE INDEX sessions_user ON sessions (user_id)").run()
        try await sql.raw("""
            CREATE TABLE throttles (
                key TEXT PRIMARY KEY,
                window_start BIGINT NOT NULL,
                count INTEGER NOT NULL
            )
            """).run()
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase {
            try await sql.raw("DROP TABLE throttles").run()
            try await sql.raw("DROP TABLE sessions").run()
        }
        try await database.schema(AccountToken.schema).delete()
        try await database.schema(IdentificationKey.schema).delete()
    }
}
