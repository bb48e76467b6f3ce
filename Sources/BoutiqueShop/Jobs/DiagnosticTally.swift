import BoutiqueCore
import BoutiqueStore

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
        try await database.tables.jobTally.countRun(of: job.id, batch: batch)
    }

    /// Runs per job of a batch: how many jobs ran, how many runs in all, the most runs of one job.
    public static func summary(batch: String, on database: BoutiqueDatabase) async throws -> (jobs: Int, runs: Int, most: Int) {
        try await database.tables.jobTally.summary(batch: batch)
    }

    /// How many workers ran the batch's jobs (as the queue recorded who held each one last).
    public static func workers(batch: String, on database: BoutiqueDatabase) async throws -> Int {
        try await database.tables.jobTally.workers(batch: batch)
    }
}
