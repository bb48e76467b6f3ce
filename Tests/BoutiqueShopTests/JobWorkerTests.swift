import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import Foundation
import Logging
import ServiceLifecycle
import SQLKit
import Synchronization
import Testing

@Suite("Job workers")
struct JobWorkerTests {
    static let logger: Logger = {
        var logger = Logger(label: "test.worker")
        logger.logLevel = .critical
        return logger
    }()


    @Test("two workers drain 2,000 jobs and each job runs exactly once", arguments: TestEngine.available)
    func exactlyOnce(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let queue = JobQueue(database: database)
            try await database.db.transaction { tx in
                let sql = try #require(tx as? any SQLDatabase)
                let payload = try JobPayload.encode(DiagnosticTally(batch: "two-workers"))
                for _ in 0..<2_000 { try await JobQueue.enqueue(NewJob(kind: DiagnosticTally.kind, payload: payload), on: sql) }
            }
            let registry = ShopJobs.registry(database: database, mail: Mailbox(database: database))
            let workers = (1...2).map { n in
                JobWorker(queue: queue, registry: registry,
                          options: .init(name: "worker-\(n)", concurrency: 4, idlePoll: .milliseconds(20)), logger: Self.logger)
            }
            let group = ServiceGroup(services: workers, gracefulShutdownSignals: [], logger: Self.logger)
            // act
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                let deadline = Date().addingTimeInterval(120)
                while try await queue.counts()[.done] ?? 0 < 2_000, Date() < deadline {
                    try await Task.sleep(for: .milliseconds(100))
                }
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            // check
            let tally = try await DiagnosticTally.summary(batch: "two-workers", on: database)
            #expect(tally.jobs == 2_000 && tally.runs == 2_000 && tally.most == 1)
            #expect(try await queue.counts() == [.done: 2_000])
        }
    }

    @Test("on graceful shutdown a worker finishes the job it runs before stopping", arguments: [TestEngine.sqlite])
    func gracefulShutdown(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let queue = JobQueue(database: database)
            try await queue.enqueue(NewJob(kind: "slow", payload: "{}"))
            let started = Mutex(false)
            var registry = JobRegistry()
            registry.register("slow") { _, _ in
                started.withLock { $0 = true }
                try await Task.sleep(for: .milliseconds(500))
            }
            let worker = JobWorker(queue: queue, registry: registry, options: .init(idlePoll: .milliseconds(10)), logger: Self.logger)
            let group = ServiceGroup(services: [worker], gracefulShutdownSignals: [], logger: Self.logger)
            // act
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                while !started.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(10)) }
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            // check
            #expect(try await queue.counts() == [.done: 1])
        }
    }

    @Test("a failing job is retried with backoff; an unknown kind or a permanent error is dead at once",
          arguments: TestEngine.available)
    func failures(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let queue = JobQueue(database: database)
            let calls = Mutex(0)
            var registry = JobRegistry()
            registry.register("flaky") { _, _ in
                let n = calls.withLock { $0 += 1; return $0 }
                if n < 3 { throw MailLikeOutage() }
            }
            registry.register("refused") { _, _ in throw PermanentJobError("adresse inexistante") }
            try await queue.enqueue(NewJob(kind: "flaky", payload: "{}", maxAttempts: 5))
            try await queue.enqueue(NewJob(kind: "refused", payload: "{}"))
            try await queue.enqueue(NewJob(kind: "unheard-of", payload: "{}"))
            let options = JobWorker.Options(idlePoll: .milliseconds(10), retry: RetryPolicy(base: .milliseconds(50), jitter: 0))
            let worker = JobWorker(queue: queue, registry: registry, options: options, logger: Self.logger)
            let group = ServiceGroup(services: [worker], gracefulShutdownSignals: [], logger: Self.logger)
            // act
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                let deadline = Date().addingTimeInterval(30)
                while try await queue.counts()[.done] == nil, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            // check
            #expect(calls.withLock { $0 } == 3)
            let dead = try await queue.list(states: [.dead])
            #expect(dead.map(\.kind).sorted() == ["refused", "unheard-of"])
            #expect(dead.allSatisfy { $0.attempts == 1 })
            #expect(dead.first { $0.kind == "unheard-of" }?.lastError?.contains("inconnu") == true)
        }
    }

    @Test("a periodic task is enqueued once per period, whatever the number of instances", arguments: TestEngine.available)
    func periodic(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let task = PeriodicTask(kind: "reconcile", every: .seconds(3_600))
            let queue = JobQueue(database: database)
            let noon = Date(timeIntervalSince1970: 1_795_003_200)
            // act: three instances at three moments of the same hour, then one in the next hour
            for offset in [0.0, 60, 3_000, 3_600] {
                try await queue.enqueue(NewJob(kind: task.kind, payload: "{}", uniqueKey: task.key(at: noon.addingTimeInterval(offset))))
            }
            // check
            #expect(try await queue.list(states: [.pending]).count == 2)
        }
    }

    @Test("backoff grows exponentially, is capped, and jitter stays within its bound")
    func backoff() {
        // setup
        let policy = RetryPolicy(base: .seconds(2), maximum: .seconds(60), jitter: 0.25)
        // act / check
        for _ in 0..<200 {
            let first = policy.delay(afterAttempt: 1)
            #expect(first >= .seconds(2) && first <= .milliseconds(2_500))
            let fourth = policy.delay(afterAttempt: 4)
            #expect(fourth >= .seconds(16) && fourth <= .seconds(20))
            let late = policy.delay(afterAttempt: 40)
            #expect(late >= .seconds(60) && late <= .seconds(75))
        }
    }

    struct MailLikeOutage: Error {}
}

@Suite("Idempotency records pruning")
struct IdempotencyPruningTests {
    @Test("POS idempotency records older than 30 days are deleted by the daily job", arguments: TestEngine.available)
    func prune(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup: one record of 40 days ago, one of today
            let client = try await POSClients(database: database).create(actor: .commandLine, name: "Caisse test", storeCodes: ["T-1"])
            let now = EpochMilliseconds.from(Date())
            for (key, age) in [("old", Int64(40 * 86_400_000)), ("recent", Int64(0))] {
                try await database.sql.raw("""
                    INSERT INTO pos_idempotency (pos_client_id, idempotency_key, request_hash, response, created_at)
                    VALUES (\(bind: client.clientID), \(bind: key), 'h', '{}', \(bind: now - age))
                    """).run()
            }
            let queue = JobQueue(database: database)
            try await queue.enqueue(NewJob(kind: ShopJobs.pruneIdempotencyKind, payload: "{}"))
            let worker = JobWorker(queue: queue, registry: ShopJobs.registry(database: database, mail: Mailbox(database: database)),
                                   logger: .init(label: "test"))
            // act
            let ran = try await worker.drain()
            // check
            let left = try await database.sql.raw("SELECT idempotency_key FROM pos_idempotency").all()
                .map { try $0.decode(column: "idempotency_key", as: String.self) }
            #expect(ran == 1)
            #expect(left == ["recent"])
        }
    }
}
