import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import Foundation
import Testing

@Suite("boutique worker", .serialized)
struct WorkerProcessTests {
    @Test("two worker processes drain 2,000 jobs, each run exactly once, and stop on SIGTERM",
          arguments: TestEngine.available)
    func twoProcesses(engine: TestEngine) async throws {
        // setup: a file database for SQLite (shared by the processes), a fresh database for PostgreSQL
        let folder = try TemporaryFolder()
        try await engine.withDatabase { test in
            let url: String
            switch test.location {
            case .postgres(let postgres): url = postgres
            default: url = "sqlite://\(folder.path)/jobs.sqlite"
            }
            let environment = ["BOUTIQUE_DATABASE_URL": url, "BOUTIQUE_DATA_DIR": folder.path, "BOUTIQUE_LOG_LEVEL": "error"]
            let enqueue = try BoutiqueProcess.start(["jobs", "tally", "--batch", "procs", "--enqueue", "2000"], environment: environment)
            #expect(try await enqueue.wait(timeout: 120) == 0, "\(enqueue.standardError)")
            let database = try await BoutiqueDatabase.open(try DatabaseLocation.parse(url), logger: .init(label: "test"))
            // act
            let workers = try (0..<2).map { _ in try BoutiqueProcess.start(["worker"], environment: environment) }
            defer { workers.forEach { $0.kill() } }
            let deadline = Date().addingTimeInterval(180)
            var summary = try await DiagnosticTally.summary(batch: "procs", on: database)
            while summary.jobs < 2_000, Date() < deadline {
                try await Task.sleep(for: .milliseconds(250))
                summary = try await DiagnosticTally.summary(batch: "procs", on: database)
            }
            workers.forEach { $0.terminate() }
            var statuses: [Int32] = []
            for worker in workers { statuses.append(try await worker.wait(timeout: 30)) }
            let pending = try await JobQueue(database: database).counts()
            await database.close()
            // check
            #expect(summary.jobs == 2_000 && summary.runs == 2_000 && summary.most == 1)
            #expect(statuses == [0, 0], "\(workers.map(\.standardError))")
            #expect(pending[.pending] == nil && pending[.running] == nil)
        }
    }
}
