import BoutiqueCore
import BoutiqueStore
import Foundation

/// Group commit for redemptions: the debits waiting while a batch is written go together in the
/// next transaction (`RedemptionBatch`).
struct RedemptionQueue: Sendable {
    private let coalescer: BatchCoalescer<DebitCommand, DebitAnswer>

    init(database: BoutiqueDatabase, maxBatch: Int = 256) {
        coalescer = BatchCoalescer(maxBatch: maxBatch) { commands in await Self.write(commands, on: database) }
    }

    /// Queues one command and waits for its batch to commit.
    func submit(_ command: DebitCommand) async throws -> DebitAnswer {
        try await coalescer.submit(command)
    }

    /// Writes a batch; when the database refuses a statement of it, writes the commands one by
    /// one, so that one bad command does not fail its neighbours.
    private static func write(_ commands: [DebitCommand], on database: BoutiqueDatabase) async -> [Result<DebitAnswer, any Error>] {
        do {
            return try await commit(commands, on: database).map { .success($0) }
        } catch where commands.count > 1 && BoutiqueDatabase.isStatementRefusal(error) {
            var results: [Result<DebitAnswer, any Error>] = []
            for command in commands {
                do {
                    results.append(.success(try await commit([command], on: database)[0]))
                } catch {
                    results.append(.failure(error))
                }
            }
            return results
        } catch {
            return commands.map { _ in .failure(error) }
        }
    }

    /// One transaction for the batch; throws when it rolled back.
    private static func commit(_ commands: [DebitCommand], on database: BoutiqueDatabase) async throws -> [DebitAnswer] {
        var taken: Set<IdempotencyKeyID> = []
        while true {
            do {
                let known = taken
                return try await database.posLedgerTransaction { ledger in
                    try await RedemptionBatch.run(commands, taken: known, on: ledger)
                }
            } catch let conflict as RedemptionBatch.KeysTaken {
                // A till's retry of a key answered in an earlier batch: rare, and each round
                // removes at least one key, so this ends.
                taken.formUnion(conflict.keys)
            }
        }
    }
}
