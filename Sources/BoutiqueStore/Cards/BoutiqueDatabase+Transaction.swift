import FluentKit
import SQLKit

extension BoutiqueDatabase {
    /// Runs `body` in one database transaction, as plain SQL. On SQLite the single connection is
    /// held for the whole transaction, so transactions never interleave; on PostgreSQL the usual
    /// row locks apply.
    public func withSQLTransaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await db.transaction { db in
            guard let sql = db as? any SQLDatabase else {
                throw ConfigurationError("Pilote de base de données non SQL.")
            }
            return try await body(sql)
        }
    }
}
