import BoutiqueCore
import BoutiqueStore
import Foundation

/// The job queue as the operator sees it: counts by state, the jobs that wait or failed, a retry.
public struct BackgroundJobs: Sendable {
    let database: BoutiqueDatabase
    let queue: JobQueue

    public init(database: BoutiqueDatabase) {
        self.database = database
        queue = JobQueue(database: database)
    }

    public func counts() async throws -> [JobState: Int] { try await queue.counts() }

    public func list(states: [JobState], limit: Int) async throws -> [JobRecord] {
        try await queue.list(states: states, limit: limit)
    }

    /// Puts a dead job back in the queue. - Returns: false when no dead job has this id.
    public func retry(actor: AccountActor, id: Int64) async throws -> Bool {
        guard actor.role == .operator else { return false }
        return try await database.transaction { tables in
            guard try await JobQueue.retry(id: id, now: EpochMilliseconds.from(Date()), in: tables) else { return false }
            try await AuditLog.record(.jobRetried, by: actor, target: "n° \(id)", tenantID: nil, in: tables)
            return true
        }
    }
}

extension BackgroundJobs {
    /// Queues `count` diagnostic jobs of `batch` that only count their runs, in one transaction.
    public func enqueueTally(batch: String, count: Int, pauseMilliseconds: Int) async throws {
        let payload = try JobPayload.encode(DiagnosticTally(batch: batch, pauseMilliseconds: pauseMilliseconds))
        try await database.transaction { tables in
            for _ in 0..<count { try await JobQueue.enqueue(NewJob(kind: DiagnosticTally.kind, payload: payload), in: tables) }
        }
    }

    /// Runs per job of a diagnostic batch.
    public func tally(batch: String) async throws -> (jobs: Int, runs: Int, most: Int) {
        try await DiagnosticTally.summary(batch: batch, on: database)
    }

    /// How many workers ran the batch's jobs.
    public func tallyWorkers(batch: String) async throws -> Int {
        try await DiagnosticTally.workers(batch: batch, on: database)
    }
}
