import BoutiqueCore
import Foundation
import SQLKit

/// Login sessions kept in the database, so that every instance behind the load balancer knows
/// them. The cookie holds a random token; the table holds only its SHA-256 (`idHash`).
public struct SessionStore: Sendable {
    public typealias Limits = SessionLimits

    let database: BoutiqueDatabase
    let limits: Limits
    let now: @Sendable () -> Date

    public init(database: BoutiqueDatabase, limits: Limits = Limits(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.limits = limits
        self.now = now
    }

    /// A session of a user of `role`: its absolute end is fixed now, by role.
    public func create(idHash: String, userID: UUID, role: UserRole) async throws {
        let time = EpochMilliseconds.from(now())
        try await database.sql.raw("""
            INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, expires_at)
            VALUES (\(bind: idHash), \(bind: userID.uuidString), \(bind: time), \(bind: time), \(bind: time + limits.absolute(for: role).milliseconds))
            """).run()
    }

    /// The session's user, or nil when the session is unknown, idle too long or past its end.
    /// Refreshes the idle clock at most once a minute, to spare writes.
    ///
    /// Session and user come in one statement: on SQLite every statement is a trip to the one
    /// connection's thread and back, and this one runs for every page a logged-in visitor opens.
    public func user(idHash: String) async throws -> User? {
        let time = EpochMilliseconds.from(now())
        let sql = database.sql
        // sessions.user_id is text; PostgreSQL compares it with the uuid key through a cast on the
        // session's side, so that the users' primary key index still serves the join.
        let join: SQLQueryString = sql.dialect.name == "sqlite" ? "u.id = s.user_id" : "u.id = CAST(s.user_id AS uuid)"
        guard let row = try await sql.raw("""
            SELECT s.last_seen_at AS session_last_seen_at, s.expires_at AS session_expires_at, \(unsafeRaw: Self.userColumns)
            FROM sessions s JOIN users u ON \(join) WHERE s.id_hash = \(bind: idHash)
            """).first() else { return nil }
        let lastSeen = try row.decode(column: "session_last_seen_at", as: Int64.self)
        let expires = try row.decode(column: "session_expires_at", as: Int64.self)
        let user = try User(row: row)
        guard time < expires, time - lastSeen < limits.idle(for: user.role).milliseconds else {
            try await destroy(idHash: idHash)
            return nil
        }
        if time - lastSeen > 60_000 {
            try await sql.raw("UPDATE sessions SET last_seen_at = \(bind: time) WHERE id_hash = \(bind: idHash)").run()
        }
        return user
    }

    private static let userColumns = User.selectList(table: "u")

    public func destroy(idHash: String) async throws {
        try await database.sql.raw("DELETE FROM sessions WHERE id_hash = \(bind: idHash)").run()
    }

    /// Ends every session of a user: after a password change or reset, or when an account is disabled.
    public func destroyAll(userID: UUID) async throws {
        try await database.sql.raw("DELETE FROM sessions WHERE user_id = \(bind: userID.uuidString)").run()
    }
}
