import BoutiqueCore
import Foundation
/// Why the POS API refused a request; the raw value is the problem `type`'s last segment.
public enum CardRefusal: String, Error, Sendable, Codable, CaseIterable {
    case insufficientFunds = "insufficient_funds"
    case cardExpired = "card_expired"
    case cardBlocked = "card_blocked"
    case categoryExcluded = "category_excluded"
    case unknownCard = "unknown_card"
    case invalidAmount = "invalid_amount"
    case wrongPin = "wrong_pin"
    case unknownStore = "unknown_store"
    case idempotencyConflict = "idempotency_conflict"
    case unknownRedemption = "unknown_redemption"
    case alreadyReversed = "already_reversed"
    case rateLimited = "rate_limited"
    case invalidRequest = "invalid_request"
    case unauthorized = "unauthorized"

    /// The French explanation for the till's operator.
    public var detail: String {
        switch self {
        case .insufficientFunds: "Solde insuffisant sur la carte pour ce montant."
        case .cardExpired: "La carte est expirée."
        case .cardBlocked: "La carte est bloquée."
        case .categoryExcluded: "La carte n'est pas utilisable pour ce rayon."
        case .unknownCard: "Numéro de carte inconnu."
        case .invalidAmount: "Montant invalide : un nombre entier de centimes d'euros (EUR), de 1 à 1 000 000."
        case .wrongPin: "Code PIN incorrect."
        case .unknownStore: "Code magasin inconnu pour ce client de caisse."
        case .idempotencyConflict: "Cette clé d'idempotence a déjà servi pour une autre requête."
        case .unknownRedemption: "Débit introuvable."
        case .alreadyReversed: "Ce débit a déjà été annulé."
        case .rateLimited: "Trop de requêtes : réessayez dans quelques instants."
        case .invalidRequest: "Requête invalide."
        case .unauthorized: "Clé d'API absente ou invalide."
        }
    }
}
