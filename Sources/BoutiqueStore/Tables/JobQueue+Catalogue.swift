import BoutiqueCore
import Foundation

extension JobQueue {
    /// Adds a job in the transaction of `tables`, so that it commits (or not) with the change that
    /// caused it.
    /// - Returns: the new job's id, or `nil` when a job with the same unique key exists.
    @discardableResult
    public static func enqueue(_ job: NewJob, in tables: Tables, now: Date = Date()) async throws -> Int64? {
        try await enqueue(job, on: try tables.db.requireSQL(), now: now)
    }
}
