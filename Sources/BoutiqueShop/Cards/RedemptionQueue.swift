import BoutiqueStore
import Foundation
import Synchronization

/// Group commit for redemptions: requests that arrive while a batch is being written wait for the
/// next one, which takes them all (up to `maxBatch`) in one transaction.
///
/// One batch runs at a time per process. Under light load a batch holds one redemption and costs
/// what a lone transaction costs; under heavy load the statements and the commit are shared by
/// dozens of tills, which is what lifts the throughput towards the database's own rate (on SQLite
/// every statement is a hop to its connection's thread, and those hops were the bound).
final class RedemptionQueue: Sendable {
    private struct Waiting: Sendable {
        let command: DebitCommand
        let continuation: CheckedContinuation<DebitAnswer, any Error>
    }

    private struct State {
        var waiting: [Waiting] = []
        var draining = false
    }

    let maxBatch: Int
    private let database: BoutiqueDatabase
    private let state = Mutex(State())

    init(database: BoutiqueDatabase, maxBatch: Int = 256) {
        self.database = database
        self.maxBatch = maxBatch
    }

    /// Queues one command and waits for its batch to commit.
    func submit(_ command: DebitCommand) async throws -> DebitAnswer {
        try await withCheckedThrowingContinuation { continuation in
            let startDrain = state.withLock { state in
                state.waiting.append(Waiting(command: command, continuation: continuation))
                guard !state.draining else { return false }
                state.draining = true
                return true
            }
            if startDrain { Task { await self.drain() } }
        }
    }

    /// Writes batches until nobody waits.
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
            do {
                try await write(batch)
            } catch where batch.count > 1 && BoutiqueDatabase.isStatementRefusal(error) {
                // One bad command must not fail its neighbours: write them one by one, so that only
                // the one the database refuses gets the error.
                for waiting in batch { await writeAlone(waiting) }
            } catch {
                for waiting in batch { waiting.continuation.resume(throwing: error) }
            }
        }
    }

    /// Writes one batch and answers its waiters; throws, answering nobody, when it rolled back.
    private func write(_ batch: [Waiting]) async throws {
        let commands = batch.map(\.command)
        var taken: Set<IdempotencyKeyID> = []
        while true {
            do {
                let known = taken
                let answers = try await database.withRetriedSQLTransaction { sql in
                    try await RedemptionBatch.run(commands, taken: known, on: sql)
                }
                for (waiting, answer) in zip(batch, answers) { waiting.continuation.resume(returning: answer) }
                return
            } catch let conflict as RedemptionBatch.KeysTaken {
                // A till's retry of a key answered in an earlier batch: rare, and each round
                // removes at least one key, so this ends.
                taken.formUnion(conflict.keys)
            }
        }
    }

    private func writeAlone(_ waiting: Waiting) async {
        do {
            try await write([waiting])
        } catch {
            waiting.continuation.resume(throwing: error)
        }
    }
}
