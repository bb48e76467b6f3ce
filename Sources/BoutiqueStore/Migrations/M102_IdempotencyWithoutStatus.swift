import BoutiqueCore
import FluentKit
import SQLKit

/// An idempotency record keeps the outcome (a result or a refusal), not the HTTP status it was
/// answered with: the status is the API's mapping, applied again on every replay.
///
/// PostgreSQL, where several instances roll one after the other onto a new version, keeps the
/// column but lets it be empty, so that an instance still on the previous version (which writes
/// it) and a new one (which does not) work side by side; a later migration may drop it. SQLite
/// serves one process, which is stopped to upgrade: the column goes.
struct M102_IdempotencyWithoutStatus: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try database.requireSQL()
        if sql.dialect.name == "sqlite" {
            try await sql.raw("ALTER TABLE pos_idempotency DROP COLUMN status_code").run()
        } else {
            try await sql.raw("ALTER TABLE pos_idempotency ALTER COLUMN status_code DROP NOT NULL").run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.requireSQL()
        if sql.dialect.name == "sqlite" {
            try await sql.raw("ALTER TABLE pos_idempotency ADD COLUMN status_code INTEGER NOT NULL DEFAULT 201").run()
        } else {
            try await sql.raw("UPDATE pos_idempotency SET status_code = 201 WHERE status_code IS NULL").run()
            try await sql.raw("ALTER TABLE pos_idempotency ALTER COLUMN status_code SET NOT NULL").run()
        }
    }
}
