import BoutiqueCore
import FluentKit
import FluentPostgresDriver
import NIOCore
import SQLKit

/// The PostgreSQL handle every `db.transaction` goes through: Fluent's, except that a transaction
/// whose connection was lost (a failover, a restart) is not rolled back on that connection.
///
/// Why: Fluent answers any error inside a transaction with `ROLLBACK` on the same connection. When
/// the connection has just been closed by the server, PostgresNIO writes that statement into a
/// channel whose pipeline is already gone, and its promise is never completed: the task awaits
/// forever and the pool never gets its connection back (measured under till load with
/// scripts/e2e-failover: one instance's redemption batches hung for good after the primary's
/// kill). A transaction dies with its connection anyway, so none is needed; the connection is
/// closed instead (also when it is still open but the server is read-only or shutting down), and
/// the pool replaces it at the next lease.
struct PostgresFailoverDatabase: Database, SQLDatabase {
    let base: any Database
    let baseSQL: any SQLDatabase

    init?(_ base: any Database) {
        guard let sql = base as? any SQLDatabase else { return nil }
        self.base = base
        self.baseSQL = sql
    }

    // MARK: Database

    var context: DatabaseContext { base.context }
    var inTransaction: Bool { base.inTransaction }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        base.execute(query: query, onOutput: onOutput)
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { base.execute(schema: schema) }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { base.execute(enum: `enum`) }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        base.withConnection(closure)
    }

    func transaction<T: Sendable>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        guard !base.inTransaction else { return base.transaction(closure) }
        // Fluent's connection-bound handle says it is in a transaction, so nested
        // `transaction` calls in `closure` join this one.
        return base.withConnection { connection in
            guard let sql = connection as? any SQLDatabase else {
                return connection.eventLoop.makeFailedFuture(ConfigurationError("Pilote de base de données non SQL."))
            }
            return sql.raw("BEGIN").run().flatMap {
                closure(connection).flatMap { result in sql.raw("COMMIT").run().map { result } }
            }.flatMapError { error in
                Self.isClosed(connection).flatMap { closed in
                    if closed || BoutiqueDatabase.isUnavailable(error) {
                        return Self.close(connection).flatMapThrowing { throw error }
                    }
                    return sql.raw("ROLLBACK").run().flatMapThrowing { throw error }
                }
            }
        }
    }

    /// Whether the connection under a connection-bound handle is closed (true when it cannot tell).
    private static func isClosed(_ connection: any Database) -> EventLoopFuture<Bool> {
        guard let postgres = connection as? any PostgresDatabase else { return connection.eventLoop.makeSucceededFuture(true) }
        return postgres.withConnection { $0.eventLoop.makeSucceededFuture($0.isClosed) }
    }

    /// Closes the connection (nothing when already closed); never fails.
    private static func close(_ connection: any Database) -> EventLoopFuture<Void> {
        guard let postgres = connection as? any PostgresDatabase else { return connection.eventLoop.makeSucceededVoidFuture() }
        return postgres.withConnection { $0.close() }.recover { _ in }
    }

    // MARK: SQLDatabase

    var logger: Logger { baseSQL.logger }
    var eventLoop: any EventLoop { baseSQL.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { baseSQL.version }
    var dialect: any SQLDialect { baseSQL.dialect }
    var queryLogLevel: Logger.Level? { baseSQL.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        baseSQL.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await baseSQL.execute(sql: query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await baseSQL.withSession(closure)
    }
}
