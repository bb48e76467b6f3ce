import BoutiqueCore
import BoutiqueStore
import Foundation
import Logging

/// The daily `cards.expire` job: writes off the balance of cards past their end (an `expiry`
/// ledger row) and marks them expired. Idempotent: a card already written off is not selected again.
public struct CardExpiry: Sendable {
    public static let kind = ShopJobKind.expireCards.rawValue
    /// Enqueued once a day across all instances.
    public static let periodicTask = PeriodicTask(kind: kind, every: .seconds(86_400))

    let database: BoutiqueDatabase
    let now: @Sendable () -> Date

    public init(database: BoutiqueDatabase, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.now = now
    }

    /// Registers the job's handler.
    public static func register(in registry: inout JobRegistry, database: BoutiqueDatabase) {
        let expiry = CardExpiry(database: database)
        registry.register(kind) { _, context in
            let count = try await expiry.run()
            context.logger.info("Cartes expirées", metadata: ["count": "\(count)"])
        }
    }

    /// Expires every due card, in batches, each card in its own short transaction.
    /// - Returns: how many cards were expired.
    @discardableResult
    public func run() async throws -> Int {
        let time = EpochMilliseconds.from(now())
        var expired = 0
        var seen = Set<UUID>()
        while true {
            let due = try await database.tables.cardExpiry.due(now: time, limit: 200).filter { !seen.contains($0) }
            if due.isEmpty { return expired }
            for id in due {
                seen.insert(id)
                let written = try await database.transaction { tables in try await tables.cardExpiry.expire(cardID: id, now: time) }
                if written != nil { expired += 1 }
            }
        }
    }
}
