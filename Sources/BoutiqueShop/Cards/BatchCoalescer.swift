import BoutiqueCore
import Foundation
import Synchronization

/// Requests that arrive while a batch runs wait for the next one, which takes them all (up to
/// `maxBatch`): one database round trip, and on a write one commit, for dozens of tills.
///
/// One batch runs at a time per coalescer. Under light load a batch holds one request and costs
/// what a lone one costs; under heavy load the statements are shared, which is what lifts the
/// throughput towards the database's own rate (on SQLite every statement is a hop to its
/// connection's thread, and those hops were the bound).
final class BatchCoalescer<Input: Sendable, Output: Sendable>: Sendable {
    /// Runs one batch: one result per input, in order.
    typealias Run = @Sendable ([Input]) async -> [Result<Output, any Error>]

    private struct Waiting: Sendable {
        let input: Input
        let continuation: CheckedContinuation<Output, any Error>
    }

    private struct State {
        var waiting: [Waiting] = []
        var draining = false
    }

    let maxBatch: Int
    private let run: Run
    private let state = Mutex(State())

    init(maxBatch: Int = 256, run: @escaping Run) {
        self.maxBatch = maxBatch
        self.run = run
    }

    /// Queues one input and waits for its batch's answer.
    func submit(_ input: Input) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            let startDrain = state.withLock { state in
                state.waiting.append(Waiting(input: input, continuation: continuation))
                guard !state.draining else { return false }
                state.draining = true
                return true
            }
            if startDrain { Task { await self.drain() } }
        }
    }

    /// Runs batches until nobody waits.
    private func drain() async {
        while true {
            let batch: [Waiting] = state.withLock { state in
                guard !state.waiting.isEmpty else {
                    state.draining = false
                    return []
                }
                let count = min(maxBatch, state.waiting.count)
                let batch = Array(state.waiting.prefix(count))
                state.waiting.removeFirst(count)
                return batch
            }
            guard !batch.isEmpty else { return }
            let results = await run(batch.map(\.input))
            for (index, waiting) in batch.enumerated() {
                waiting.continuation.resume(with: index < results.count ? results[index] : .failure(BatchAnswerMissing()))
            }
        }
    }
}

/// A batch returned fewer answers than it had inputs: a programming error, answered as an
/// internal error rather than leaving a till waiting forever.
struct BatchAnswerMissing: Error {}
