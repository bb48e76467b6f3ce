import Foundation
import SQLKit

/// Login sessions kept in the database, so that every instance behind the load balancer knows
/// them. The cookie holds a random token; the table holds only its SHA-256 (`idHash`).
public struct SessionStore: Sendable {
    public struct Limits: Sendable {
        /// A session unused this long ends.
        public var idle: Duration
        /// A session ends this long after login, used or not.
        public var absolute: Duration

        public init(idle: Duration = .seconds(2 * 3_600), absolute: Duration = .seconds(12 * 3_600)) {
            self.idle = idle
            self.absolute = absolute
        }
    }

    let database: BoutiqueDatabase
    let limits: Limits
    let now: @Sendable () -> Date

    public init(database: BoutiqueDatabase, limits: Limits = Limits(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.limits = limits
        self.now = now
    }

    public func create(idHash: String, userID: UUID) async throws {
        let time = EpochMilliseconds.from(now())
        try await database.sql.raw("""
            INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, expires_at)
            VALUES (\(bind: idHash), \(bind: userID.uuidString), \(bind: time), \(bind: time), \(bind: time + limits.absolute.milliseconds))
            """).run()
    }

    /// The session's user, or nil when the session is unknown, idle too long or past its end.
    /// Refreshes the idle clock at most once a minute, to spare writes.
    public func user(idHash: String) async throws -> UUID? {
        let time = EpochMilliseconds.from(now())
        guard let row = try await database.sql.raw("""
            SELECT user_id, last_seen_at, expires_at FROM sessions WHERE id_hash = \(bind: idHash)
            """).first() else { return nil }
        let lastSeen = try row.decode(column: "last_seen_at", as: Int64.self)
        let expires = try row.decode(column: "expires_at", as: Int64.self)
        guard time < expires, time - lastSeen < limits.idle.milliseconds else {
            try await destroy(idHash: idHash)
            return nil
        }
        if time - lastSeen > 60_000 {
            try await database.sql.raw("UPDATE sessions SET last_seen_at = \(bind: time) WHERE id_hash = \(bind: idHash)").run()
        }
        return UUID(uuidString: try row.decode(column: "user_id", as: String.self))
    }

    public func destroy(idHash: String) async throws {
        try await database.sql.raw("DELETE FROM sessions WHERE id_hash = \(bind: idHash)").run()
    }

    /// Ends every session of a user: after a password change or reset, or when an account is disabled.
    public func destroyAll(userID: UUID) async throws {
        try await database.sql.raw("DELETE FROM sessions WHERE user_id = \(bind: userID.uuidString)").run()
    }
}
