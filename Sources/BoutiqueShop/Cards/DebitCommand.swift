import BoutiqueCore
import BoutiqueStore
import Foundation

/// One redemption handed to the ledger's batch, with everything decided before it: the card (nil
/// when the number is unknown), the refusal its fixed rules give (excluded category, currency),
/// and its ledger context.
struct DebitCommand: Sendable {
    var key: IdempotencyKeyID
    var requestHash: String
    var cardID: UUID?
    var cardLast4: String
    var amount: Int64
    /// A refusal by the card's fixed rules; it applies after the card's status, as the till's
    /// operator expects a blocked card to be reported as blocked first.
    var ruleRefusal: CardRefusal?
    var entry: LedgerEntry
}

/// What the batch answered for one command.
enum DebitAnswer: Sendable, Equatable {
    /// This request's own outcome, stored under its key.
    case decided(Result<RedemptionResult, CardRefusal>)
    /// Another request holds the key (earlier in the same batch, or committed before): replay it.
    case replay
}
