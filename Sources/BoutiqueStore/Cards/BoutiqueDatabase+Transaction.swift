import BoutiqueCore
import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import SQLKit

extension BoutiqueDatabase {
    /// Runs `body` in one database transaction, as plain SQL. On SQLite the single connection is
    /// held for the whole transaction, so transactions never interleave; on PostgreSQL the usual
    /// row locks apply.
    public func withSQLTransaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await db.transaction { db in try await body(db.requireSQL()) }
    }
}

extension BoutiqueDatabase {
    /// Runs `body` in a transaction, again (up to `attempts` times) when PostgreSQL aborted it as a
    /// deadlock victim or a serialization failure: such a transaction changed nothing, and running
    /// it once more is the documented remedy.
    public func withRetriedSQLTransaction<T: Sendable>(attempts: Int = 3,
                                                       _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await withSQLTransaction(body)
            } catch let error as PSQLError where attempt < attempts && Self.isTransient(error) {
                attempt += 1
            }
        }
    }

    static func isTransient(_ error: PSQLError) -> Bool {
        // 40P01 deadlock_detected, 40001 serialization_failure.
        guard let state = error.serverInfo?[.sqlState] else { return false }
        return state == "40P01" || state == "40001"
    }
}

extension BoutiqueDatabase {
    /// True when the database refused a statement (its data, a constraint), as opposed to being
    /// unreachable: running the statement's neighbours without it can then succeed.
    public static func isStatementRefusal(_ error: any Error) -> Bool {
        if let error = error as? PSQLError { return error.serverInfo != nil }
        return error is SQLiteError
    }
}
