import BoutiqueCore
import BoutiqueStore
import BoutiqueTestSupport
import Foundation
import Testing

/// Attempts are reserved before the work they guard, atomically: parallel requests each take
/// their own place in the count. Growing delays instead of a lock.
@Suite("Throttles")
struct ThrottleTests {
    static let backoff = Throttle.Backoff(free: 5, firstDelay: .seconds(30), longestDelay: .seconds(900), forgetAfter: .seconds(3_600))

    @Test("40 reservations at once: exactly the limit go ahead, on a fixed window and with delays", arguments: TestEngine.available)
    func parallel(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let throttle = Throttle(database: database)
            // act
            let window = try await Self.allowedInParallel(40) { try await throttle.reserve("w", limit: 5, window: .seconds(60)) }
            let delays = try await Self.allowedInParallel(40) { try await throttle.reserve("d", backoff: Self.backoff) == nil }
            // check
            #expect(window == 5)
            #expect(delays == 5)
        }
    }

    @Test("after the free attempts each one waits 30 s, 1 min, 2 min… up to 15 min; an hour of quiet forgets", arguments: TestEngine.available)
    func growingDelays(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let clock = TestClock()
            let throttle = Throttle(database: database, now: clock.function)
            for _ in 1...5 { #expect(try await throttle.reserve("k", backoff: Self.backoff) == nil) }
            // the 6th comes too early: told to wait the first delay, and the refusal does not count
            #expect(try await throttle.reserve("k", backoff: Self.backoff) == .seconds(30))
            clock.advance(by: 10)
            #expect(try await throttle.reserve("k", backoff: Self.backoff) == .seconds(20))
            var waits: [Duration] = []
            for _ in 1...7 {
                clock.advance(by: 900)
                #expect(try await throttle.reserve("k", backoff: Self.backoff) == nil)
                waits.append(try #require(try await throttle.reserve("k", backoff: Self.backoff)))
            }
            #expect(waits == [60, 120, 240, 480, 900, 900, 900].map { Duration.seconds($0) })
            clock.advance(by: 3_601)
            for _ in 1...5 { #expect(try await throttle.reserve("k", backoff: Self.backoff) == nil) }
        }
    }

    @Test("a released attempt gives its place back; reset clears the key", arguments: TestEngine.available)
    func releaseAndReset(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let throttle = Throttle(database: database, now: TestClock().function)
            for _ in 1...5 { #expect(try await throttle.reserve("k", backoff: Self.backoff) == nil) }
            try await throttle.release("k", backoff: Self.backoff)
            #expect(try await throttle.reserve("k", backoff: Self.backoff) == nil)
            #expect(try await throttle.reserve("k", backoff: Self.backoff) != nil)
            try await throttle.reset("k")
            #expect(try await throttle.reserve("k", backoff: Self.backoff) == nil)
            for _ in 1...5 { _ = try await throttle.reserve("w", limit: 5, window: .seconds(60)) }
            #expect(try await throttle.reserve("w", limit: 5, window: .seconds(60)) == false)
            try await throttle.release("w")
            try await throttle.release("w")
            #expect(try await throttle.reserve("w", limit: 5, window: .seconds(60)))
        }
    }

    static func allowedInParallel(_ count: Int, _ attempt: @escaping @Sendable () async throws -> Bool) async throws -> Int {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<count { group.addTask { try await attempt() } }
            var allowed = 0
            for try await ok in group where ok { allowed += 1 }
            return allowed
        }
    }
}
