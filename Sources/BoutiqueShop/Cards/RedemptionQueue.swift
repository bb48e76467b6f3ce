import BoutiqueStore
import Foundation

/// Group commit for redemptions: the debits waiting while a batch is written go together in the
/// next transaction (`RedemptionBatch`).
struct RedemptionQueue: Sendable {
    private let coalescer: BatchCoalescer<DebitCommand, DebitAnswer>

    /// - Parameter lanes: batches written at once. SQLite has one connection, so one; PostgreSQL
    ///   builds a batch while the previous one waits on its round trips (the batches lock their
    ///   cards in id order, so two lanes never deadlock; a key in both is `KeysTaken`).
    init(database: BoutiqueDatabase, maxBatch: Int = 256, lanes: Int? = nil) {
        let lanes = lanes ?? (database.location.isSQLite ? 1 : Self.postgresLanes)
        coalescer = BatchCoalescer(maxBatch: maxBatch, lanes: lanes) { commands in await Self.write(commands, on: database) }
    }

    static let postgresLanes = 2

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
                return try await database.withRetriedSQLTransaction { sql in
                    try await RedemptionBatch.run(commands, taken: known, on: sql)
                }
            } catch let conflict as RedemptionBatch.KeysTaken {
                // A till's retry of a key answered in an earlier batch: rare, and each round
                // removes at least one key, so this ends.
                taken.formUnion(conflict.keys)
            }
        }
    }
}
