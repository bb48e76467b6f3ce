import BoutiqueCore
import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import Synchronization

/// The shop's database: FluentKit over SQLite or PostgreSQL, with the pragmas and pools each needs.
///
/// SQLite runs on one dedicated event loop, hence one connection: SQLite has a single writer anyway,
/// and one connection removes `SQLITE_BUSY` races between our own writers. WAL with
/// `synchronous=NORMAL` keeps commits off the fsync path (a power cut may lose the last commits,
/// never corrupt the file).
public final class BoutiqueDatabase: Sendable {
    public let location: DatabaseLocation
    public let logger: Logger
    private let databases: Databases
    private let eventLoopGroup: any EventLoopGroup
    private let ownsEventLoopGroup: Bool
    /// SQLite's own thread for its blocking calls, so that other work on the shared pool (bcrypt,
    /// files, another database in the same process) never delays a statement; nil on PostgreSQL.
    private let ownThreadPool: NIOThreadPool?
    /// A SQLite file's checkpoints, off the serving connection; nil in memory and on PostgreSQL.
    private let checkpointer: Mutex<SQLiteCheckpointer?> = Mutex(nil)
    /// One handle per event loop, so that work spreads over every loop's pool.
    private let handles: [any Database]
    private let sqlHandles: [any SQLDatabase]
    private let isClosed = Mutex(false)

    private init(location: DatabaseLocation, databases: Databases, group: any EventLoopGroup, ownsGroup: Bool,
                 threadPool: NIOThreadPool? = nil, logger: Logger) throws {
        self.location = location
        self.ownThreadPool = threadPool
        self.databases = databases
        self.eventLoopGroup = group
        self.ownsEventLoopGroup = ownsGroup
        self.logger = logger
        var handles: [any Database] = []
        var sqlHandles: [any SQLDatabase] = []
        for loop in group.makeIterator() {
            guard let handle = databases.database(logger: logger, on: loop), let sql = handle as? any SQLDatabase else {
                throw ConfigurationError("Pilote de base de données non SQL pour \(location).")
            }
            // PostgreSQL's transactions must survive a lost connection (a failover): see
            // PostgresFailoverDatabase.
            if case .postgres = location, let safe = PostgresFailoverDatabase(handle) {
                handles.append(safe)
            } else {
                handles.append(handle)
            }
            sqlHandles.append(sql)
        }
        self.handles = handles
        self.sqlHandles = sqlHandles
    }

    /// Opens the database; for a file, creates its folder and checks it can be written.
    /// - Parameter poolTimeout: how long a request waits for a connection before it fails. The
    ///   test suite, which runs hundreds of tests at once on two cores, waits longer than a server.
    public static func open(_ location: DatabaseLocation, logger: Logger,
                            poolTimeout: TimeAmount = .seconds(30)) async throws -> BoutiqueDatabase {
        switch location {
        case .sqliteFile(let path):
            try prepareFolder(for: path)
            try restrictFile(path)
            return try await openSQLite(location, storage: .file(path: path), poolTimeout: poolTimeout, logger: logger)
        case .sqliteMemory:
            return try await openSQLite(location, storage: .memory, poolTimeout: poolTimeout, logger: logger)
        case .postgres(let url):
            return try await openPostgres(location, url: url, poolTimeout: poolTimeout, logger: logger)
        }
    }

    private static func openSQLite(_ location: DatabaseLocation, storage: SQLiteConfiguration.Storage, poolTimeout: TimeAmount,
                                   logger: Logger) async throws -> BoutiqueDatabase {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        // One connection, so one thread is all it can use.
        let threadPool = NIOThreadPool(numberOfThreads: 1)
        threadPool.start()
        let databases = Databases(threadPool: threadPool, on: group)
        // One connection serves every request in turn: give a burst time to drain before a
        // waiting request gives up.
        databases.use(.sqlite(SQLiteConfiguration(storage: storage), connectionPoolTimeout: poolTimeout, sqlLogLevel: .trace), as: .sqlite)
        databases.default(to: .sqlite)
        let database = try BoutiqueDatabase(location: location, databases: databases, group: group, ownsGroup: true,
                                            threadPool: threadPool, logger: logger)
        do {
            // temp_store=MEMORY: a multi-row statement inside a transaction keeps its undo
            // (statement journal) in memory, not in a temporary file written page by page.
            // mmap_size (256 MiB): pages are read from the mapped file, not with a system call
            // each; cache_size 8 MiB (measured: 64 MiB was slower, SQLite walks its whole page
            // cache table on every cache reset).
            for pragma in ["PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA busy_timeout=5000",
                           "PRAGMA temp_store=MEMORY", "PRAGMA cache_size=-8192", "PRAGMA mmap_size=268435456"] {
                try await database.sql.raw(SQLQueryString(pragma)).run()
            }
            if case .file(let path) = storage {
                try await database.sql.raw("PRAGMA wal_autocheckpoint=\(unsafeRaw: String(SQLiteCheckpointer.safetyNetPages))").run()
                let checkpointer = try await SQLiteCheckpointer.start(path: path, on: group.any(), logger: logger)
                database.checkpointer.withLock { $0 = checkpointer }
            }
        } catch {
            await database.close()
            throw ConfigurationError("Impossible d'ouvrir la base SQLite \(location) : \(String(reflecting: error))")
        }
        return database
    }

    private static func openPostgres(_ location: DatabaseLocation, url: String, poolTimeout: TimeAmount,
                                     logger: Logger) async throws -> BoutiqueDatabase {
        // Probe with a silent pool first, so that an unreachable server gives our one-line error
        // instead of the pool's own log lines.
        var quiet = logger
        quiet.logLevel = .critical
        let probe = try makePostgres(location, url: url, connections: 1, poolTimeout: poolTimeout, logger: quiet)
        do {
            try await probe.ping()
            await probe.close()
        } catch {
            await probe.close()
            throw ConfigurationError("Base PostgreSQL injoignable (\(location)) : \(Self.reason(error))")
        }
        return try makePostgres(location, url: url, connections: 8, poolTimeout: poolTimeout, logger: logger)
    }

    /// A read replica's pools, opened without the reachability probe: a standby that is down when
    /// the shop starts must not stop it (`ReadReplica` falls back to the primary until it answers).
    /// Two connections per event loop: only the consoles' reports read it.
    public static func openReplica(url: String, logger: Logger) throws -> BoutiqueDatabase {
        try makePostgres(.postgres(url: url), url: url, connections: 2, poolTimeout: .seconds(5), logger: logger)
    }

    private static func makePostgres(_ location: DatabaseLocation, url: String, connections: Int, poolTimeout: TimeAmount,
                                     logger: Logger) throws -> BoutiqueDatabase {
        let group = MultiThreadedEventLoopGroup.singleton
        let databases = Databases(threadPool: NIOThreadPool.singleton, on: group)
        do {
            let configuration = try SQLPostgresConfiguration(url: url)
            databases.use(.postgres(configuration: configuration, maxConnectionsPerEventLoop: connections,
                                    connectionPoolTimeout: poolTimeout, sqlLogLevel: .trace), as: .psql)
        } catch {
            throw ConfigurationError("BOUTIQUE_DATABASE_URL n'est pas une URL PostgreSQL valide (\(location)).")
        }
        databases.default(to: .psql)
        return try BoutiqueDatabase(location: location, databases: databases, group: group, ownsGroup: false, logger: logger)
    }

    /// The data folder, created readable by its owner only (it holds the database and, in the
    /// demo, the card key).
    private static func prepareFolder(for path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            if !FileManager.default.fileExists(atPath: folder) {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            }
        } catch {
            throw ConfigurationError("Impossible de créer le dossier de données \(folder) : \(Self.reason(error))")
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw ConfigurationError("Le dossier de données \(folder) n'est pas accessible en écriture.")
        }
    }

    /// The database file readable by its owner only: created with 0600 before SQLite opens it
    /// (SQLite gives its `-wal` and `-shm` files the database file's mode), or brought to 0600.
    private static func restrictFile(_ path: String) throws {
        let files = FileManager.default
        do {
            if !files.fileExists(atPath: path) {
                guard files.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                    throw ConfigurationError("création refusée")
                }
            } else if let mode = try files.attributesOfItem(atPath: path)[.posixPermissions] as? Int, mode & 0o077 != 0 {
                try files.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
            }
        } catch {
            throw ConfigurationError("Impossible de réserver la base SQLite \(path) à son propriétaire (mode 0600) : \(Self.reason(error))")
        }
    }

    static func reason(_ error: any Error) -> String {
        String(describing: error)
    }

    /// A Fluent handle for queries and transactions.
    public var db: any Database { handles[Int.random(in: 0..<handles.count)] }

    /// The same connection pools as plain SQL, for hot paths and engine-specific statements.
    public var sql: any SQLDatabase { sqlHandles[Int.random(in: 0..<sqlHandles.count)] }

    /// Answers when the database takes writes: what `/ready` reports. On PostgreSQL a server in
    /// recovery (a standby, or a node the HA engine is still promoting) answers queries but
    /// refuses every write, so it does not count: during a failover the load balancer must see
    /// "not ready" until a writable primary is back.
    public func ping() async throws {
        // A closed pool must not be touched: its event loop may be gone.
        guard !isClosed.withLock({ $0 }) else { throw ConfigurationError("La base de données est fermée.") }
        guard case .postgres = location else {
            _ = try await sql.raw("SELECT 1 AS ok").all()
            return
        }
        let standby = try await sql.raw("SELECT pg_is_in_recovery() AS standby").first()?.decode(column: "standby", as: Bool.self)
        if standby != false { throw DatabaseReadOnly() }
    }

    /// True when `error` says the database could not be reached or could not take writes — a
    /// connection lost to a failover or a restart, a pool that cannot open one in time, a server
    /// shutting down, starting or in recovery — rather than a statement it refused. What such a
    /// request did is unknown (a commit may or may not have landed), so callers answer "retry
    /// later" (503), never a result; the idempotency keys make the retry safe. The pool itself
    /// drops a closed connection at its next lease, so the retry gets a fresh one.
    public static func isUnavailable(_ error: any Error) -> Bool {
        switch error {
        case let error as PSQLError:
            guard let state = error.serverInfo?[.sqlState] else {
                return [.serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown, .poolClosed]
                    .contains(error.code)
            }
            // 08: connection exception; 57P01–57P03: admin shutdown, crash shutdown, cannot
            // connect now (starting up); 25006: read-only transaction (a standby, or a node not
            // promoted yet); 53300: too many connections.
            return state.hasPrefix("08") || ["57P01", "57P02", "57P03", "25006", "53300"].contains(state)
        case is ConnectionPoolTimeoutError, is ConnectionPoolError, is DatabaseReadOnly, is DatabaseConnectionLost, is ChannelError,
             is IOError:
            return true
        default:
            return false
        }
    }

    /// Applies the migrations not yet applied, in order.
    public func migrate() async throws {
        let migrations = Migrations()
        migrations.add(BoutiqueMigrations.all)
        // Fluent says two lines per migration at info: 44 lines before the first start's banner.
        // Only its warnings and errors are kept; a failing migration still throws (one line).
        var quiet = logger
        if quiet.logLevel < .notice { quiet.logLevel = .notice }
        let migrator = Migrator(databases: databases, migrations: migrations, logger: quiet, on: eventLoopGroup.any())
        try await migrator.setupIfNeeded().flatMap { migrator.prepareBatch() }.get()
    }

    /// Closes the pools, then the event loop SQLite ran on.
    public func close() async {
        // Closing twice (a test that simulates an outage, then its cleanup) must be harmless.
        let alreadyClosed = isClosed.withLock { closed in
            defer { closed = true }
            return closed
        }
        guard !alreadyClosed else { return }
        if let checkpointer = checkpointer.withLock({ $0 }) { await checkpointer.stop() }
        await databases.shutdownAsync()
        if ownsEventLoopGroup { try? await eventLoopGroup.shutdownGracefully() }
        try? await ownThreadPool?.shutdownGracefully()
    }
}

/// The database answers but refuses writes (a PostgreSQL standby, or a primary being demoted).
public struct DatabaseReadOnly: Error, CustomStringConvertible {
    public init() {}

    public var description: String { "La base de données est en lecture seule (secours en cours de promotion ?)." }
}
