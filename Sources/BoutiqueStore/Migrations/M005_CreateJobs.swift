import BoutiqueCore
import FluentKit
import SQLKit

/// The job queue's table. Times are epoch milliseconds (BIGINT) so that the claim query compares
/// plain integers the same way on both engines.
struct M005_CreateJobs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        let id = sql.dialect.name == "sqlite" ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY"
        try await sql.raw("""
            CREATE TABLE jobs (
                id \(unsafeRaw: id),
                kind TEXT NOT NULL,
                payload TEXT NOT NULL,
                state TEXT NOT NULL,
                unique_key TEXT NULL UNIQUE,
                run_at BIGINT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                max_attempts INTEGER NOT NULL,
                locked_until BIGINT NULL,
                locked_by TEXT NULL,
                last_error TEXT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                finished_at BIGINT NULL
            )
            """).run()
        try await sql.raw("CREATE INDEX jobs_claim ON jobs (state, run_at)").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP TABLE jobs").run()
    }
}
