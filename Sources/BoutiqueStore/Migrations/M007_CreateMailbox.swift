import BoutiqueCore
import FluentKit
import SQLKit

/// The built-in mailbox: messages the demo "sends" are kept here and shown at `/_dev/mailbox`.
struct M007_CreateMailbox: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        let id = sql.dialect.name == "sqlite" ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY"
        try await sql.raw("""
            CREATE TABLE mailbox_messages (
                id \(unsafeRaw: id),
                recipients TEXT NOT NULL,
                subject TEXT NOT NULL,
                message TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """).run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP TABLE mailbox_messages").run()
    }
}
