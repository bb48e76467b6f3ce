import FluentSQLiteDriver
import Logging
import NIOCore
import NIOPosix

/// Copies SQLite's write-ahead log back into the database file from a connection and a thread of
/// its own, once a second.
///
/// Why: by default SQLite checkpoints in the statement that commits the 1,000th page of log, on
/// the connection that commits it — here the one connection that serves every request — and
/// then fsyncs the file. Under the tills' load that was a fifth of that connection's time, and
/// every request behind it waited. A passive checkpoint runs beside the writer without blocking
/// it. The serving connection keeps a distant automatic checkpoint as a safety net, should this
/// one ever stop.
final class SQLiteCheckpointer: Sendable {
    static let interval: Duration = .seconds(1)
    /// The serving connection's own automatic checkpoint: 10,000 pages (40 MB of log).
    static let safetyNetPages = 10_000

    private let connection: SQLiteConnection
    private let threadPool: NIOThreadPool
    private let task: Task<Void, Never>

    private init(connection: SQLiteConnection, threadPool: NIOThreadPool, task: Task<Void, Never>) {
        self.connection = connection
        self.threadPool = threadPool
        self.task = task
    }

    static func start(path: String, on eventLoop: any EventLoop, logger: Logger) async throws -> SQLiteCheckpointer {
        let threadPool = NIOThreadPool(numberOfThreads: 1)
        threadPool.start()
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(storage: .file(path: path), threadPool: threadPool, logger: logger, on: eventLoop)
            for pragma in ["PRAGMA synchronous=NORMAL", "PRAGMA busy_timeout=5000"] { _ = try await connection.query(pragma, []) }
        } catch {
            try? await threadPool.shutdownGracefully()
            throw error
        }
        let task = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard !Task.isCancelled else { break }
                do {
                    _ = try await connection.query("PRAGMA wal_checkpoint(PASSIVE)", [])
                } catch {
                    logger.warning("Point de reprise SQLite en échec", metadata: ["error": "\(String(reflecting: error))"])
                }
            }
        }
        return SQLiteCheckpointer(connection: connection, threadPool: threadPool, task: task)
    }

    /// Stops the loop, then closes the connection and its thread.
    func stop() async {
        task.cancel()
        await task.value
        try? await connection.close()
        try? await threadPool.shutdownGracefully()
    }
}
