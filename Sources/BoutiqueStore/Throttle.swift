import BoutiqueCore
import Foundation
import SQLKit

/// Counts attempts per key (an account, an IP address, an API key, a user), in the database so
/// that every instance sees the same counts.
///
/// An attempt is *reserved* before the work it guards (a bcrypt check, an e-mail), in one atomic
/// statement: requests sent in parallel each take their own place in the count, so no more than
/// the limit ever reach the work. Checking first and counting after the work let 40 parallel
/// logins through a limit of 5.
public struct Throttle: Sendable {
    let database: BoutiqueDatabase
    let now: @Sendable () -> Date

    public init(database: BoutiqueDatabase, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.now = now
    }

    // MARK: Fixed windows

    /// Counts one attempt of `key` in the current window of `window`; false when the window already
    /// held `limit` attempts (this one is refused, and counted: hammering does not help).
    public func reserve(_ key: String, limit: Int, window: Duration) async throws -> Bool {
        let time = EpochMilliseconds.from(now())
        let expired = time - window.milliseconds
        let row = try await database.sql.raw("""
            INSERT INTO throttles (key, window_start, count) VALUES (\(bind: key), \(bind: time), 1)
            ON CONFLICT (key) DO UPDATE SET
                count = CASE WHEN throttles.window_start <= \(bind: expired) THEN 1 ELSE throttles.count + 1 END,
                window_start = CASE WHEN throttles.window_start <= \(bind: expired) THEN \(bind: time) ELSE throttles.window_start END
            RETURNING count
            """).first()
        return try (row?.decode(column: "count", as: Int.self) ?? Int.max) <= limit
    }

    /// Whether `key` already holds `limit` attempts in the current window (for a key counted by
    /// `reserve` elsewhere, e.g. the card-guess throttle that counts misses after the fact).
    public func isBlocked(_ key: String, limit: Int, window: Duration) async throws -> Bool {
        let time = EpochMilliseconds.from(now())
        let row = try await database.sql.raw("SELECT window_start, count FROM throttles WHERE key = \(bind: key)").first()
        guard let row else { return false }
        let start = try row.decode(column: "window_start", as: Int64.self)
        let count = try row.decode(column: "count", as: Int.self)
        return start + window.milliseconds > time && count >= limit
    }

    /// Adds a failure after the fact; a window that has ended starts again at one.
    public func recordFailure(_ key: String, window: Duration) async throws {
        _ = try await reserve(key, limit: .max, window: window)
    }

    /// Gives back one reserved attempt whose work succeeded: a right password or code must not
    /// count against an office's shared address.
    public func release(_ key: String) async throws {
        try await database.sql.raw("UPDATE throttles SET count = count - 1 WHERE key = \(bind: key) AND count > 0").run()
    }

    public func reset(_ key: String) async throws {
        try await database.sql.raw("DELETE FROM throttles WHERE key = \(bind: key)").run()
    }

    // MARK: Growing delays

    /// How attempts are spaced: `free` attempts at once, then each further attempt waits
    /// `firstDelay`, doubled at every attempt up to `longestDelay`; counts are forgotten after
    /// `forgetAfter` without an attempt. No hard lock: the owner of an account a stranger keeps
    /// busy can still get in between two delays, or at once after a password reset (`reset`).
    public struct Backoff: Sendable {
        public var free: Int
        public var firstDelay: Duration
        public var longestDelay: Duration
        public var forgetAfter: Duration

        public init(free: Int, firstDelay: Duration, longestDelay: Duration, forgetAfter: Duration) {
            self.free = free
            self.firstDelay = firstDelay
            self.longestDelay = longestDelay
            self.forgetAfter = forgetAfter
        }

        /// The wait after the `count`-th attempt.
        public func delay(after count: Int) -> Duration {
            guard count >= free else { return .zero }
            var delay = firstDelay
            for _ in 0..<(count - free) where delay < longestDelay { delay *= 2 }
            return min(delay, longestDelay)
        }

        /// `delay(after:)` as SQL over the count expression `count`, in milliseconds: a CASE over
        /// the few counts before the longest delay, so both engines compute it in the statement.
        func sql(after count: String) -> String {
            var cases = ["WHEN \(count) < \(free) THEN 0"]
            var attempt = free
            while delay(after: attempt) < longestDelay {
                cases.append("WHEN \(count) = \(attempt) THEN \(delay(after: attempt).milliseconds)")
                attempt += 1
            }
            return "CASE \(cases.joined(separator: " ")) ELSE \(longestDelay.milliseconds) END"
        }
    }

    /// Reserves an attempt of `key` spaced by `backoff`.
    /// - Returns: nil when the attempt may go ahead; else how long to wait.
    public func reserve(_ key: String, backoff: Backoff) async throws -> Duration? {
        let time = EpochMilliseconds.from(now())
        let forgotten = time - backoff.forgetAfter.milliseconds
        // `window_start` is the last attempt's time here; `next_at` when the next one may come.
        let count = "(CASE WHEN throttles.window_start <= \(forgotten) THEN 1 ELSE throttles.count + 1 END)"
        let reserved = try await database.sql.raw("""
            INSERT INTO throttles (key, window_start, count, next_at)
            VALUES (\(bind: key), \(bind: time), 1, \(bind: time + backoff.delay(after: 1).milliseconds))
            ON CONFLICT (key) DO UPDATE SET
                count = \(unsafeRaw: count),
                next_at = \(bind: time) + \(unsafeRaw: backoff.sql(after: count)),
                window_start = \(bind: time)
            WHERE throttles.next_at <= \(bind: time)
            RETURNING count
            """).first()
        if reserved != nil { return nil }
        let next = try await database.sql.raw("SELECT next_at FROM throttles WHERE key = \(bind: key)").first()?
            .decode(column: "next_at", as: Int64.self) ?? time
        return .milliseconds(max(next - time, 1_000))
    }

    /// Gives back an attempt reserved with `backoff` whose work succeeded.
    public func release(_ key: String, backoff: Backoff) async throws {
        try await database.sql.raw("""
            UPDATE throttles SET count = count - 1, next_at = window_start + \(unsafeRaw: backoff.sql(after: "(count - 1)"))
            WHERE key = \(bind: key) AND count > 0
            """).run()
    }
}
