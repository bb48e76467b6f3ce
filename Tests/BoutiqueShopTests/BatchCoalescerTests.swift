import BoutiqueCore
@testable import BoutiqueShop
import Synchronization
import Testing

/// Group commit: tills' requests that arrive together share a batch, each gets its own answer,
/// and one batch runs at a time.
@Suite("Batches of redemptions")
struct BatchCoalescerTests {
    final class Probe: Sendable {
        struct Counts { var running = 0, most = 0, started = 0, batches: [Int] = [] }
        let counts = Mutex(Counts())

        /// A batch that doubles its inputs. The first batch holds on until a second one starts
        /// (or `wait` runs out), so that a second batch running beside it would be seen.
        func run(_ inputs: [Int], wait: Duration) async -> [Result<Int, any Error>] {
            let order = counts.withLock { counts in
                counts.running += 1
                counts.started += 1
                counts.most = max(counts.most, counts.running)
                counts.batches.append(inputs.count)
                return counts.started
            }
            if order == 1 {
                let clock = ContinuousClock(), end = clock.now + wait
                while clock.now < end, counts.withLock({ $0.started }) < 2 { try? await Task.sleep(for: .milliseconds(1)) }
            }
            counts.withLock { $0.running -= 1 }
            return inputs.map { .success($0 * 2) }
        }
    }

    static func submitAll(_ count: Int, to coalescer: BatchCoalescer<Int, Int>) async throws -> [Int: Int] {
        try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for input in 0..<count { group.addTask { (input, try await coalescer.submit(input)) } }
            var answers: [Int: Int] = [:]
            for try await (input, output) in group { answers[input] = output }
            return answers
        }
    }

    @Test("200 concurrent requests, each answered with its own result, one batch at a time, shared batches")
    func oneAtATime() async throws {
        let probe = Probe()
        let coalescer = BatchCoalescer<Int, Int>(maxBatch: 50) { await probe.run($0, wait: .milliseconds(200)) }
        let answers = try await Self.submitAll(200, to: coalescer)
        let counts = probe.counts.withLock { $0 }
        #expect(answers.count == 200 && answers.allSatisfy { $0.value == $0.key * 2 })
        #expect(counts.most == 1, "never two batches at once")
        #expect(counts.batches.reduce(0, +) == 200 && counts.batches.allSatisfy { $0 <= 50 })
        #expect(counts.batches.count < 200, "requests that wait share a batch")
    }
}
