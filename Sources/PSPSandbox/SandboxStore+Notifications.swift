import BoutiqueCore
import Foundation
import SQLKit

/// The notification outbox: one row per final outcome, delivered by `SandboxNotifier` until the
/// shop answers 2xx or the deadline passes. Rows survive restarts.
extension SandboxStore {
    struct DueNotification: Sendable, Equatable {
        let id: String
        let token: String
        let url: String
        let attempts: Int
        let giveUpAt: Int64
    }

    static func enqueueNotification(token: String, url: String, at time: Int64, notifyAt: Int64, giveUpAt: Int64,
                                    on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO psp_notifications (id, token, url, state, attempts, next_attempt_at, give_up_at, created_at)
            VALUES (\(bind: SandboxRandom.identifier(prefix: "ntf_")), \(bind: token), \(bind: url), 'pending', 0,
                    \(bind: notifyAt), \(bind: giveUpAt), \(bind: time))
            """).run()
    }

    /// Claims due notifications: each is pushed `lease` into the future first, so that another
    /// sandbox instance (or this one after a crash) takes it only once the lease has run out.
    func claimDueNotifications(now time: Int64, lease: Int64, limit: Int) async throws -> [DueNotification] {
        let rows = try await database.sql.raw("""
            UPDATE psp_notifications SET next_attempt_at = \(bind: time + lease), attempts = attempts + 1
            WHERE state = 'pending' AND next_attempt_at <= \(bind: time) AND id IN (
                SELECT id FROM psp_notifications WHERE state = 'pending' AND next_attempt_at <= \(bind: time)
                ORDER BY next_attempt_at LIMIT \(bind: limit))
            RETURNING id, token, url, attempts, give_up_at
            """).all()
        return try rows.map { row in
            DueNotification(id: try row.decode(column: "id", as: String.self), token: try row.decode(column: "token", as: String.self),
                            url: try row.decode(column: "url", as: String.self), attempts: try row.decode(column: "attempts", as: Int.self),
                            giveUpAt: try row.decode(column: "give_up_at", as: Int64.self))
        }
    }

    func markDelivered(_ id: String, at time: Int64) async throws {
        try await database.sql.raw("""
            UPDATE psp_notifications SET state = 'delivered', delivered_at = \(bind: time), last_error = NULL WHERE id = \(bind: id)
            """).run()
    }

    /// Sets the next attempt, or abandons the notification when that would be past its deadline.
    func markFailed(_ id: String, error: String, retryAt: Int64?) async throws {
        let state = retryAt == nil ? "abandoned" : "pending"
        try await database.sql.raw("""
            UPDATE psp_notifications SET state = \(bind: state), next_attempt_at = COALESCE(\(bind: retryAt), next_attempt_at),
                last_error = \(bind: String(error.prefix(500))) WHERE id = \(bind: id)
            """).run()
    }

    /// Counts by state, for tests and operators.
    func notificationCounts() async throws -> [String: Int] {
        let rows = try await database.sql.raw("SELECT state, COUNT(*) AS n FROM psp_notifications GROUP BY state").all()
        var counts: [String: Int] = [:]
        for row in rows { counts[try row.decode(column: "state", as: String.self)] = try row.decode(column: "n", as: Int.self) }
        return counts
    }
}
