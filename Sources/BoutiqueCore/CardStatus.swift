/// Whether a card can be spent. An active card past its `expires_at` counts as expired even
/// before the daily expiry job has written it down.
public enum CardStatus: String, Sendable, Codable, CaseIterable {
    case active
    case blocked
    case expired
}

/// The kinds of ledger rows; the amount's sign says the direction (a redemption is negative).
public enum CardTransactionKind: String, Sendable, Codable, CaseIterable {
    case issue
    case redemption
    case reversal
    case refund
    case expiry
}
