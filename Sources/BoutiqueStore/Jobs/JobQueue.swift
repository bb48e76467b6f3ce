import BoutiqueCore
import Foundation
import SQLKit

/// The database job queue: enqueue in the caller's transaction, claim under a lease, complete or
/// fail with a retry time. Safe with several workers and several processes on both engines:
/// PostgreSQL claims with `FOR UPDATE SKIP LOCKED`; SQLite's single writer makes the claiming
/// `UPDATE … RETURNING` atomic.
public struct JobQueue: Sendable {
    let database: BoutiqueDatabase
    let now: @Sendable () -> Date

    public init(database: BoutiqueDatabase, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.now = now
    }

    /// Adds a job on `sql`, which may be the caller's transaction so that the job commits (or
    /// not) with the change that caused it.
    /// - Returns: the new job's id, or `nil` when a job with the same unique key exists.
    @discardableResult
    public static func enqueue(_ job: NewJob, on sql: any SQLDatabase, now: Date = Date()) async throws -> Int64? {
        let time = EpochMilliseconds.from(now)
        let conflict: SQLQueryString = job.uniqueKey == nil ? "" : " ON CONFLICT (unique_key) DO NOTHING"
        let row = try await sql.raw("""
            INSERT INTO jobs (kind, payload, state, unique_key, run_at, attempts, max_attempts, created_at, updated_at)
            VALUES (\(bind: job.kind), \(bind: job.payload), 'pending', \(bind: job.uniqueKey), \(bind: job.runAt ?? time),
                    0, \(bind: max(1, job.maxAttempts)), \(bind: time), \(bind: time))\(conflict) RETURNING id
            """).first()
        return try row?.decode(column: "id", as: Int64.self)
    }

    /// Enqueues outside any transaction.
    @discardableResult
    public func enqueue(_ job: NewJob) async throws -> Int64? {
        try await Self.enqueue(job, on: database.sql, now: now())
    }

    /// Claims up to `limit` due jobs for `worker`, each leased until now + `lease`. A running job
    /// whose lease ran out (its worker crashed) is due again.
    public func claim(worker: String, limit: Int, lease: Duration) async throws -> [ClaimedJob] {
        let time = EpochMilliseconds.from(now())
        let until = time + lease.milliseconds
        let lock: SQLQueryString = database.location.isSQLite ? "" : " FOR UPDATE SKIP LOCKED"
        let rows = try await database.sql.raw("""
            UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_until = \(bind: until),
                locked_by = \(bind: worker), updated_at = \(bind: time)
            WHERE id IN (
                SELECT id FROM jobs
                WHERE attempts < max_attempts
                  AND ((state = 'pending' AND run_at <= \(bind: time)) OR (state = 'running' AND locked_until < \(bind: time)))
                ORDER BY run_at, id LIMIT \(bind: limit)\(lock))
            RETURNING id, kind, payload, attempts, max_attempts
            """).all()
        return try rows.map { row in
            ClaimedJob(id: try row.decode(column: "id", as: Int64.self),
                       kind: try row.decode(column: "kind", as: String.self),
                       payload: try row.decode(column: "payload", as: String.self),
                       attempt: try row.decode(column: "attempts", as: Int.self),
                       maxAttempts: try row.decode(column: "max_attempts", as: Int.self))
        }.sorted { $0.id < $1.id }
    }

    /// Marks the job done, if `worker` still holds it.
    /// - Returns: false when the lease was lost (another worker took the job over).
    @discardableResult
    public func complete(_ job: ClaimedJob, worker: String) async throws -> Bool {
        let time = EpochMilliseconds.from(now())
        let rows = try await database.sql.raw("""
            UPDATE jobs SET state = 'done', locked_until = NULL, finished_at = \(bind: time), updated_at = \(bind: time)
            WHERE id = \(bind: job.id) AND locked_by = \(bind: worker) AND state = 'running' RETURNING id
            """).all()
        return !rows.isEmpty
    }

    /// Records a failed run: the job waits until `retryAt`, or becomes `dead` when it was its
    /// last attempt or `retryAt` is nil (a permanent failure).
    @discardableResult
    public func fail(_ job: ClaimedJob, worker: String, error: String, retryAt: Date?) async throws -> JobState {
        let time = EpochMilliseconds.from(now())
        let dead = retryAt == nil || job.isLastAttempt
        let state: JobState = dead ? .dead : .pending
        try await database.sql.raw("""
            UPDATE jobs SET state = \(bind: state.rawValue), run_at = \(bind: retryAt.map(EpochMilliseconds.from) ?? time),
                locked_until = NULL, last_error = \(bind: String(error.prefix(2_000))), updated_at = \(bind: time),
                finished_at = \(bind: dead ? time : nil)
            WHERE id = \(bind: job.id) AND locked_by = \(bind: worker) AND state = 'running'
            """).run()
        return state
    }

    /// Keeps long jobs leased while they run.
    public func extendLease(of ids: [Int64], worker: String, lease: Duration) async throws {
        guard !ids.isEmpty else { return }
        let until = EpochMilliseconds.from(now()) + lease.milliseconds
        for id in ids {
            try await database.sql.raw("""
                UPDATE jobs SET locked_until = \(bind: until) WHERE id = \(bind: id) AND locked_by = \(bind: worker) AND state = 'running'
                """).run()
        }
    }

    /// Jobs whose worker died on their last attempt cannot be claimed again: they become `dead`.
    @discardableResult
    public func buryExpired() async throws -> Int {
        let time = EpochMilliseconds.from(now())
        let rows = try await database.sql.raw("""
            UPDATE jobs SET state = 'dead', locked_until = NULL, finished_at = \(bind: time), updated_at = \(bind: time),
                last_error = 'Bail expiré lors de la dernière tentative (processus arrêté ?)'
            WHERE state = 'running' AND locked_until < \(bind: time) AND attempts >= max_attempts RETURNING id
            """).all()
        return rows.count
    }

    /// Deletes finished jobs older than `age`, so the table does not grow without end.
    @discardableResult
    public func pruneDone(olderThan age: Duration) async throws -> Int {
        let limit = EpochMilliseconds.from(now()) - age.milliseconds
        let rows = try await database.sql.raw("""
            DELETE FROM jobs WHERE state = 'done' AND finished_at < \(bind: limit) RETURNING id
            """).all()
        return rows.count
    }

    /// Puts a dead job back in the queue with fresh attempts.
    /// - Returns: false when no dead job has that id.
    public func retry(id: Int64) async throws -> Bool {
        try await Self.retry(id: id, now: EpochMilliseconds.from(now()), on: database.sql)
    }

    /// `retry` inside the caller's transaction.
    public static func retry(id: Int64, now time: EpochMilliseconds, on sql: any SQLDatabase) async throws -> Bool {
        let rows = try await sql.raw("""
            UPDATE jobs SET state = 'pending', attempts = 0, run_at = \(bind: time), locked_until = NULL, locked_by = NULL,
                finished_at = NULL, updated_at = \(bind: time)
            WHERE id = \(bind: id) AND state = 'dead' RETURNING id
            """).all()
        return !rows.isEmpty
    }

    /// The jobs in the given states, oldest first.
    public func list(states: [JobState], limit: Int = 100) async throws -> [JobRecord] {
        let names = states.map { SQLLiteral.string($0.rawValue) }
        let rows = try await database.sql.raw("""
            SELECT id, kind, state, attempts, max_attempts, run_at, last_error, unique_key FROM jobs
            WHERE state IN (\(SQLList(names))) ORDER BY run_at, id LIMIT \(bind: limit)
            """).all()
        return try rows.map { row in
            JobRecord(id: try row.decode(column: "id", as: Int64.self),
                      kind: try row.decode(column: "kind", as: String.self),
                      state: JobState(rawValue: try row.decode(column: "state", as: String.self)) ?? .dead,
                      attempts: try row.decode(column: "attempts", as: Int.self),
                      maxAttempts: try row.decode(column: "max_attempts", as: Int.self),
                      runAt: try row.decode(column: "run_at", as: Int64.self),
                      lastError: try row.decode(column: "last_error", as: String?.self),
                      uniqueKey: try row.decode(column: "unique_key", as: String?.self))
        }
    }

    /// How many jobs are in each state.
    public func counts() async throws -> [JobState: Int] {
        let rows = try await database.sql.raw("SELECT state, COUNT(*) AS n FROM jobs GROUP BY state").all()
        var counts: [JobState: Int] = [:]
        for row in rows {
            if let state = JobState(rawValue: try row.decode(column: "state", as: String.self)) {
                counts[state] = try row.decode(column: "n", as: Int.self)
            }
        }
        return counts
    }
}

extension Duration {
    /// Whole milliseconds, for the queue's integer times.
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000 + attoseconds / 1_000_000_000_000_000
    }
}
