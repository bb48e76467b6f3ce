import BoutiqueCore
import BoutiqueStore
import Foundation
import Synchronization

/// What never changes on a card once issued: enough to check a redemption's PIN and rules before
/// the ledger, and to answer a look-up. Its balance and status are deliberately absent: the debit
/// batch reads them locked, a look-up reads them as committed.
struct CardFacts: Sendable {
    var id: UUID
    var last4: String
    var currency: String
    /// The last day the card works, `YYYY-MM-DD`.
    var lastDay: String
    /// AES-GCM sealed, as stored: the PIN is opened only to compare it.
    var pinSealed: Data
    var excludedCategories: [String]

    init(_ card: CardRecord) {
        id = card.id
        last4 = card.last4
        currency = card.currency
        lastDay = card.lastDay
        pinSealed = card.pinSealed
        excludedCategories = card.excludedCategories
    }
}

/// Card facts by number hash. Being immutable, they need no expiry and are right on every
/// instance; unknown numbers are never cached (a card issued a second ago must be found). When
/// full, the cache starts again empty: simpler than an LRU, and a refill costs one query per card.
final class CardFactsCache: Sendable {
    private let entries = Mutex<[Data: CardFacts]>([:])
    private let capacity: Int

    init(capacity: Int = 200_000) { self.capacity = capacity }

    func cached(_ numberHash: Data) -> CardFacts? {
        entries.withLock { $0[numberHash] }
    }

    func store(_ facts: CardFacts, for numberHash: Data) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[numberHash] = facts
        }
    }
}
