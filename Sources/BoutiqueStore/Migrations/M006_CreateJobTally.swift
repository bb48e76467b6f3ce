import BoutiqueCore
import FluentKit
import SQLKit

/// Counts the runs of diagnostic jobs (exactly-once checks across instances).
struct M006_CreateJobTally: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE TABLE job_tally (job_id BIGINT PRIMARY KEY, batch TEXT NOT NULL, runs INTEGER NOT NULL)").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP TABLE job_tally").run()
    }
}
