import BoutiqueCore
import Foundation
import SQLKit

/// Counts failures per key (an account, an IP address, an API key) in fixed windows, in the
/// database so that every instance sees the same counts.
public struct Throttle: Sendable {
    let database: BoutiqueDatabase
    let now: @Sendable () -> Date

    public init(database: BoutiqueDatabase, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.now = now
    }

    /// Whether `key` already failed `limit` times in the current window.
    public func isBlocked(_ key: String, limit: Int, window: Duration) async throws -> Bool {
        let time = EpochMilliseconds.from(now())
        let row = try await database.sql.raw("SELECT window_start, count FROM throttles WHERE key = \(bind: key)").first()
        guard let row else { return false }
        let start = try row.decode(column: "window_start", as: Int64.self)
        let count = try row.decode(column: "count", as: Int.self)
        return start + window.milliseconds > time && count >= limit
    }

    /// Adds a failure; a window that has ended starts again at one.
    public func recordFailure(_ key: String, window: Duration) async throws {
        let time = EpochMilliseconds.from(now())
        let expired = time - window.milliseconds
        try await database.sql.raw("""
            INSERT INTO throttles (key, window_start, count) VALUES (\(bind: key), \(bind: time), 1)
            ON CONFLICT (key) DO UPDATE SET
                count = CASE WHEN throttles.window_start <= \(bind: expired) THEN 1 ELSE throttles.count + 1 END,
                window_start = CASE WHEN throttles.window_start <= \(bind: expired) THEN \(bind: time) ELSE throttles.window_start END
            """).run()
    }

    public func reset(_ key: String) async throws {
        try await database.sql.raw("DELETE FROM throttles WHERE key = \(bind: key)").run()
    }
}
