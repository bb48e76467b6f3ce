import BoutiqueShop

/// How the POS API answers a refusal: the domain says what went wrong, the API how that is said
/// in HTTP. A replayed idempotent answer is mapped again here, so a status is never stored.
extension CardRefusal {
    /// A short English title (RFC 9457 `title`).
    var title: String {
        rawValue.replacingOccurrences(of: "_", with: " ").capitalized
    }

    /// The HTTP status the POS API answers with.
    var httpStatus: Int {
        switch self {
        case .invalidRequest: 400
        case .unauthorized: 401
        case .unknownRedemption: 404
        case .idempotencyConflict, .alreadyReversed: 409
        case .rateLimited: 429
        case .insufficientFunds, .cardExpired, .cardBlocked, .categoryExcluded, .unknownCard, .invalidAmount, .wrongPin, .unknownStore: 422
        }
    }
}
