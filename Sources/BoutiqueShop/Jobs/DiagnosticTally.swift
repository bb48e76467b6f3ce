import BoutiqueCore
import BoutiqueStore
import SQLKit

/// A job that only counts its own runs in `job_tally`: how an operator (or a benchmark) checks
/// that the workers of every instance run each job exactly once (`boutique jobs tally`).
public struct DiagnosticTally: Codable, Sendable {
    public static let kind = ShopJobKind.diagnosticTally.rawValue
    public let batch: String
    /// How long each job takes, so that a test can see the jobs spread over several workers.
    public let pauseMilliseconds: Int?

    public init(batch: String, pauseMilliseconds: Int? = nil) {
        self.batch = batch
        self.pauseMilliseconds = pauseMilliseconds
    }

    func run(on database: BoutiqueDatabase, job: ClaimedJob) async throws {
        if let pauseMilliseconds, pauseMilliseconds > 0 { try await Task.sleep(for: .milliseconds(pauseMilliseconds)) }
        try await database.sql.raw("""
            INSERT INTO job_tally (job_id, batch, runs) VALUES (\(bind: job.id), \(bind: batch), 1)
            ON CONFLICT (job_id) DO UPDATE SET runs = job_tally.runs + 1
            """).run()
    }

    /// Runs per job of a batch: how many jobs ran, how many runs in all, the most runs of one job.
    public static func summary(batch: String, on database: BoutiqueDatabase) async throws -> (jobs: Int, runs: Int, most: Int) {
        let row = try await database.sql.raw("""
            SELECT COUNT(*) AS jobs, COALESCE(SUM(runs), 0) AS runs, COALESCE(MAX(runs), 0) AS most
            FROM job_tally WHERE batch = \(bind: batch)
            """).first()
        return (try row?.decode(column: "jobs", as: Int.self) ?? 0,
                try row?.decode(column: "runs", as: Int.self) ?? 0,
                try row?.decode(column: "most", as: Int.self) ?? 0)
    }

    /// How many workers ran the batch's jobs (as the queue recorded who held each one last).
    public static func workers(batch: String, on database: BoutiqueDatabase) async throws -> Int {
        let row = try await database.sql.raw("""
            SELECT COUNT(DISTINCT j.locked_by) AS workers FROM jobs j JOIN job_tally t ON t.job_id = j.id
            WHERE t.batch = \(bind: batch)
            """).first()
        return try row?.decode(column: "workers", as: Int.self) ?? 0
    }
}
