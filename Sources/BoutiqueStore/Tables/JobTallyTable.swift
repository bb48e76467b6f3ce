import BoutiqueCore
import FluentKit
import Foundation
import SQLKit

/// `job_tally`: the runs of the diagnostic jobs, one row per job, that show whether every job ran
/// exactly once across the workers of every instance (`boutique jobs tally`).
public struct JobTallyTable: Sendable {
    let db: any Database

    /// Counts one run of `jobID`.
    public func countRun(of jobID: Int64, batch: String) async throws {
        try await db.requireSQL().raw("""
            INSERT INTO job_tally (job_id, batch, runs) VALUES (\(bind: jobID), \(bind: batch), 1)
            ON CONFLICT (job_id) DO UPDATE SET runs = job_tally.runs + 1
            """).run()
    }

    /// A batch's jobs that ran, their runs in all, and the most runs of one job.
    public func summary(batch: String) async throws -> (jobs: Int, runs: Int, most: Int) {
        let row = try await db.requireSQL().raw("""
            SELECT COUNT(*) AS jobs, COALESCE(SUM(runs), 0) AS runs, COALESCE(MAX(runs), 0) AS most
            FROM job_tally WHERE batch = \(bind: batch)
            """).first()
        return (try row?.decode(column: "jobs", as: Int.self) ?? 0,
                try row?.decode(column: "runs", as: Int.self) ?? 0,
                try row?.decode(column: "most", as: Int.self) ?? 0)
    }

    /// How many workers ran a batch's jobs (as the queue recorded who held each one last).
    public func workers(batch: String) async throws -> Int {
        let row = try await db.requireSQL().raw("""
            SELECT COUNT(DISTINCT j.locked_by) AS workers FROM jobs j JOIN job_tally t ON t.job_id = j.id
            WHERE t.batch = \(bind: batch)
            """).first()
        return try row?.decode(column: "workers", as: Int.self) ?? 0
    }
}

extension Tables {
    public var jobTally: JobTallyTable { JobTallyTable(db: db) }
}
