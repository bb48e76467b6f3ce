import BoutiqueCore
import FluentKit
import SQLKit

/// The expiry reminders already sent, one per card.
struct M013_CreateCardReminders: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        let id = sql.dialect.name == "sqlite" ? "BLOB" : "UUID"
        try await sql.raw("CREATE TABLE card_reminders (card_id \(unsafeRaw: id) PRIMARY KEY, sent_at BIGINT NOT NULL)").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP TABLE card_reminders").run()
    }
}
