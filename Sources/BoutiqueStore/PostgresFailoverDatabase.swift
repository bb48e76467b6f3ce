import BoutiqueCore
import FluentKit
import FluentPostgresDriver
import NIOCore
import SQLKit

/// The PostgreSQL handle every `db.transaction` goes through: Fluent's, made safe for a connection
/// the server closes in the middle of a transaction (a failover, a restart).
///
/// Why: a transaction keeps its connection across awaits. When the server closes it, PostgresNIO
/// removes the connection's pipeline, and a statement written afterwards (the transaction's next
/// statement, or Fluent's `ROLLBACK`) goes nowhere: its promise is never completed, so the task
/// awaits forever and the pool never gets its connection back. Measured with scripts/e2e-failover:
/// after the primary's kill, an instance's redemption batches hung for good. So, on the
/// transaction's connection:
/// - every statement is written from the connection's event loop after checking it is open
///   (nothing can tear the pipeline down between the check and the write on that loop); a closed
///   connection fails at once with `DatabaseConnectionLost`;
/// - after a failure there is no `ROLLBACK` on a lost connection (the transaction died with it):
///   the connection is closed instead, also when it is open but the server is read-only or
///   shutting down, and the pool replaces it at the next lease.
/// Statements outside a transaction lease a connection and write on its loop in one step, so they
/// do not need this.
struct PostgresFailoverDatabase: Database, SQLDatabase {
    let base: any Database
    let baseSQL: any SQLDatabase
    /// Set on the handle bound to a transaction's connection; nil on the pools' handle.
    let connection: PostgresConnection?

    init?(_ base: any Database) {
        guard let sql = base as? any SQLDatabase else { return nil }
        self.init(base: base, sql: sql, connection: nil)
    }

    private init(base: any Database, sql: any SQLDatabase, connection: PostgresConnection?) {
        self.base = base
        self.baseSQL = sql
        self.connection = connection
    }

    // MARK: Database

    var context: DatabaseContext { base.context }
    var inTransaction: Bool { connection != nil || base.inTransaction }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        guarded { base.execute(query: query, onOutput: onOutput) }
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { guarded { base.execute(schema: schema) } }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { guarded { base.execute(enum: `enum`) } }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        guard connection == nil else { return closure(self) }
        return base.withConnection { bound in Self.bind(bound, closure) }
    }

    func transaction<T: Sendable>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        // Nested: join the transaction this handle is bound to.
        guard connection == nil else { return closure(self) }
        return base.withConnection { bound in
            Self.bind(bound).flatMap { database in
                database.run("BEGIN").flatMap {
                    closure(database).flatMap { result in database.run("COMMIT").map { result } }
                }.flatMapError { error in
                    guard let connection = database.connection else { return database.eventLoop.makeFailedFuture(error) }
                    if connection.isClosed || BoutiqueDatabase.isUnavailable(error) {
                        return connection.close().recover { _ in }.flatMapThrowing { throw error }
                    }
                    return database.run("ROLLBACK").flatMapThrowing { throw error }
                }
            }
        }
    }

    /// The handle bound to Fluent's connection-bound `database`, with its PostgreSQL connection.
    private static func bind(_ database: any Database) -> EventLoopFuture<PostgresFailoverDatabase> {
        bind(database) { $0.eventLoop.makeSucceededFuture($0) }
    }

    /// Runs `body` with a handle bound to `database`'s one connection (Fluent's `withConnection`
    /// does not make its result Sendable, hence no `flatMap` after `bind`).
    private static func bind<T>(_ database: any Database,
                                _ body: @escaping @Sendable (PostgresFailoverDatabase) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        guard let sql = database as? any SQLDatabase, let postgres = database as? any PostgresDatabase else {
            return database.eventLoop.makeFailedFuture(ConfigurationError("Pilote de base de données non PostgreSQL."))
        }
        return postgres.withConnection { connection in
            body(PostgresFailoverDatabase(base: database, sql: sql, connection: connection))
        }
    }

    private func run(_ statement: String) -> EventLoopFuture<Void> {
        guarded { baseSQL.execute(sql: SQLRaw(statement), { _ in }) }
    }

    /// Runs `write` (which writes one statement) on the bound connection's event loop once it is
    /// known to be open; on the pools' handle, as is.
    private func guarded(_ write: @escaping @Sendable () -> EventLoopFuture<Void>) -> EventLoopFuture<Void> {
        guard let connection else { return write() }
        return connection.eventLoop.flatSubmit {
            connection.isClosed ? connection.eventLoop.makeFailedFuture(DatabaseConnectionLost()) : write()
        }
    }

    // MARK: SQLDatabase

    var logger: Logger { baseSQL.logger }
    var eventLoop: any EventLoop { baseSQL.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { baseSQL.version }
    var dialect: any SQLDialect { baseSQL.dialect }
    var queryLogLevel: Logger.Level? { baseSQL.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        guarded { baseSQL.execute(sql: query, onRow) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        // Through the future: its write happens on the connection's loop (see `guarded`).
        guard connection != nil else { return try await baseSQL.execute(sql: query, onRow) }
        try await execute(sql: query, onRow).get()
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        guard connection == nil else { return try await closure(self) }
        return try await baseSQL.withSession(closure)
    }
}

/// A statement for a connection the server has closed (a failover): never written, so never
/// left waiting for an answer.
public struct DatabaseConnectionLost: Error, CustomStringConvertible {
    public init() {}

    public var description: String { "Connexion à la base de données perdue (bascule ou redémarrage du serveur)." }
}
