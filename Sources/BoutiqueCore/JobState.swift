import Foundation

/// Where a job is in its life: waiting (`pending`, maybe scheduled later), claimed by a worker
/// (`running`, under a lease), finished (`done`), or given up after its last attempt (`dead`,
/// kept visible for an operator to retry).
public enum JobState: String, Sendable, Codable, CaseIterable {
    case pending, running, done, dead
}

/// A job to enqueue.
public struct NewJob: Sendable {
    public var kind: String
    /// The job's input as JSON text.
    public var payload: String
    /// Not before this time (scheduled jobs); now by default.
    public var runAt: EpochMilliseconds?
    public var maxAttempts: Int
    /// When set, a second job with the same key is not created (periodic tasks, de-duplication).
    public var uniqueKey: String?

    public init(kind: String, payload: String, runAt: EpochMilliseconds? = nil, maxAttempts: Int = 10, uniqueKey: String? = nil) {
        self.kind = kind
        self.payload = payload
        self.runAt = runAt
        self.maxAttempts = maxAttempts
        self.uniqueKey = uniqueKey
    }
}

/// A job as the operator's list shows it.
public struct JobRecord: Sendable, Equatable {
    public let id: Int64
    public let kind: String
    public let state: JobState
    public let attempts: Int
    public let maxAttempts: Int
    public let runAt: EpochMilliseconds
    public let lastError: String?
    public let uniqueKey: String?

    public init(id: Int64, kind: String, state: JobState, attempts: Int, maxAttempts: Int, runAt: EpochMilliseconds, lastError: String?,
                uniqueKey: String?) {
        self.id = id
        self.kind = kind
        self.state = state
        self.attempts = attempts
        self.maxAttempts = maxAttempts
        self.runAt = runAt
        self.lastError = lastError
        self.uniqueKey = uniqueKey
    }
}

/// Milliseconds since 1970: the queue's only time unit.
public typealias EpochMilliseconds = Int64

extension EpochMilliseconds {
    public static func from(_ date: Date) -> EpochMilliseconds { EpochMilliseconds((date.timeIntervalSince1970 * 1_000).rounded()) }
}
