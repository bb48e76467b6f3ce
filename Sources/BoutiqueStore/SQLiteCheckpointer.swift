import BoutiqueCore
import FluentSQLiteDriver
import Logging
import NIOCore
import NIOPosix

/// Copies SQLite's write-ahead log back into the database file from a connection and a thread of
/// its own, ten times a second.
///
/// Why: by default SQLite checkpoints in the statement that commits the 1,000th page of log, on
/// the connection that commits it — here the one connection that serves every request — and
/// then fsyncs the file. Under the tills' load that was a fifth of that connection's time, and
/// every request behind it waited. A passive checkpoint runs beside the writer without blocking
/// it.
final class SQLiteCheckpointer: Sendable {
    static let interval: Duration = .milliseconds(100)
    /// The serving connection's own automatic checkpoint, at 2,000 pages (8 MB of log). Under
    /// constant writes a passive checkpoint never quite catches up with the writer, so the log
    /// can only start over after a checkpoint in the writer's own pauses: this one, which then
    /// finds most pages already copied and has only the tail to do.
    static let safetyNetPages = 2_000

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
                } catch where Task.isCancelled {
                    break  // `stop()` cut the query short on purpose: not a failure
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
