import BoutiqueCore
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import SQLKit
import Testing

@Suite("Job queue")
struct JobQueueTests {
    @Test("a job enqueued in a transaction exists only if the transaction commits", arguments: TestEngine.available)
    func transactional(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            struct Rollback: Error {}
            let queue = JobQueue(database: database)
            // act
            try? await database.db.transaction { tx in
                try await JobQueue.enqueue(NewJob(kind: "mail.send", payload: "{}"), on: try #require(tx as? any SQLDatabase))
                throw Rollback()
            }
            _ = try await database.db.transaction { tx in
                try await JobQueue.enqueue(NewJob(kind: "mail.send", payload: #"{"n":2}"#), on: try #require(tx as? any SQLDatabase))
            }
            // check
            let pending = try await queue.list(states: [.pending])
            #expect(pending.count == 1)
            #expect(try await queue.claim(worker: "w", limit: 10, lease: .seconds(30)).map(\.payload) == [#"{"n":2}"#])
        }
    }

    @Test("a scheduled job waits for its time; a unique key is enqueued once", arguments: TestEngine.available)
    func scheduling(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let clock = TestClock()
            let queue = JobQueue(database: database, now: clock.function)
            let later = EpochMilliseconds.from(clock.now.addingTimeInterval(3_600))
            // act
            let first = try await queue.enqueue(NewJob(kind: "reminder", payload: "{}", runAt: later, uniqueKey: "reminder@1"))
            let duplicate = try await queue.enqueue(NewJob(kind: "reminder", payload: "{}", runAt: later, uniqueKey: "reminder@1"))
            let early = try await queue.claim(worker: "w", limit: 10, lease: .seconds(30))
            clock.advance(by: 3_601)
            let due = try await queue.claim(worker: "w", limit: 10, lease: .seconds(30))
            // check
            #expect(first != nil && duplicate == nil)
            #expect(early.isEmpty)
            #expect(due.map(\.id) == [first])
            #expect(due.first?.attempt == 1)
        }
    }

    @Test("a crashed worker's job is claimed again once its lease runs out, and the old worker cannot finish it",
          arguments: TestEngine.available)
    func leaseExpiry(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let clock = TestClock()
            let queue = JobQueue(database: database, now: clock.function)
            let id = try await queue.enqueue(NewJob(kind: "issue.cards", payload: "{}", maxAttempts: 5))
            let taken = try await queue.claim(worker: "crashed", limit: 1, lease: .seconds(60))
            // act
            let whileLeased = try await queue.claim(worker: "rescuer", limit: 1, lease: .seconds(60))
            clock.advance(by: 61)
            let afterLease = try await queue.claim(worker: "rescuer", limit: 1, lease: .seconds(60))
            let lateCompletion = try await queue.complete(taken[0], worker: "crashed")
            let rescued = try await queue.complete(afterLease[0], worker: "rescuer")
            // check
            #expect(taken.map(\.id) == [id])
            #expect(whileLeased.isEmpty)
            #expect(afterLease.map(\.id) == [id])
            #expect(afterLease.first?.attempt == 2)
            #expect(!lateCompletion && rescued)
            #expect(try await queue.counts()[.done] == 1)
        }
    }

    @Test("failures retry later, the last one leaves the job dead and visible, and an operator can retry it",
          arguments: TestEngine.available)
    func failures(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let clock = TestClock()
            let queue = JobQueue(database: database, now: clock.function)
            let id = try #require(try await queue.enqueue(NewJob(kind: "mail.send", payload: "{}", maxAttempts: 2)))
            // act: first failure, retried in 10 s
            let first = try await queue.claim(worker: "w", limit: 1, lease: .seconds(30))[0]
            let afterFirst = try await queue.fail(first, worker: "w", error: "SMTP 451", retryAt: clock.now.addingTimeInterval(10))
            let tooEarly = try await queue.claim(worker: "w", limit: 1, lease: .seconds(30))
            clock.advance(by: 11)
            let second = try await queue.claim(worker: "w", limit: 1, lease: .seconds(30))[0]
            let afterSecond = try await queue.fail(second, worker: "w", error: "SMTP 451 encore", retryAt: clock.now.addingTimeInterval(10))
            clock.advance(by: 60)
            let nothing = try await queue.claim(worker: "w", limit: 1, lease: .seconds(30))
            let dead = try await queue.list(states: [.dead])
            let retried = try await queue.retry(id: id)
            let again = try await queue.claim(worker: "w", limit: 1, lease: .seconds(30))
            // check
            #expect(afterFirst == .pending && afterSecond == .dead)
            #expect(tooEarly.isEmpty && nothing.isEmpty)
            #expect(second.isLastAttempt)
            #expect(dead.map(\.id) == [id])
            #expect(dead.first?.lastError == "SMTP 451 encore")
            #expect(retried)
            #expect(again.first?.attempt == 1)
            #expect(try await queue.retry(id: 999_999) == false)
        }
    }

    @Test("a permanent failure is dead at once; a worker killed on the last attempt leaves a dead job",
          arguments: TestEngine.available)
    func deadEnds(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let clock = TestClock()
            let queue = JobQueue(database: database, now: clock.function)
            try await queue.enqueue(NewJob(kind: "a", payload: "{}", maxAttempts: 5))
            try await queue.enqueue(NewJob(kind: "b", payload: "{}", maxAttempts: 1))
            let jobs = try await queue.claim(worker: "w", limit: 2, lease: .seconds(30))
            // act
            let permanent = try await queue.fail(jobs[0], worker: "w", error: "adresse refusée", retryAt: nil)
            clock.advance(by: 31)
            let buried = try await queue.buryExpired()
            // check
            #expect(permanent == .dead)
            #expect(buried == 1)
            #expect(try await queue.counts()[.dead] == 2)
            #expect(try await queue.claim(worker: "w", limit: 2, lease: .seconds(30)).isEmpty)
        }
    }

    @Test("finished jobs are pruned after their keeping time", arguments: [TestEngine.sqlite])
    func pruning(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let clock = TestClock()
            let queue = JobQueue(database: database, now: clock.function)
            try await queue.enqueue(NewJob(kind: "a", payload: "{}"))
            let job = try await queue.claim(worker: "w", limit: 1, lease: .seconds(30))[0]
            try await queue.complete(job, worker: "w")
            #expect(try await queue.pruneDone(olderThan: .seconds(3_600)) == 0)
            clock.advance(by: 3_601)
            #expect(try await queue.pruneDone(olderThan: .seconds(3_600)) == 1)
        }
    }
}
