import BoutiqueCore
import Foundation

extension JobQueue {
    /// Puts a dead job back in the queue in the transaction of `tables` (with its audit entry).
    /// - Returns: false when no dead job has that id.
    public static func retry(id: Int64, now time: EpochMilliseconds, in tables: Tables) async throws -> Bool {
        try await retry(id: id, now: time, on: try tables.db.requireSQL())
    }
}
