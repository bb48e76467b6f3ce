/// The life of an order, with the real system's French labels.
///
/// `awaitingPayment` → `awaitingPaymentConfirmation` → `validated` → `activated`, with the side exits
/// `paymentRefused`, `cancelled` and `refunded`. Only the provider's confirmed payment (a verified
/// notification or a status query) leads to `validated`; returning from the hosted page does not.
public enum OrderStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case awaitingPayment
    case awaitingPaymentConfirmation
    case validated
    case activated
    case paymentRefused
    case cancelled
    case refunded

    /// The label shown to employees, managers and operators (the guide's wording).
    public var label: String {
        switch self {
        case .awaitingPayment: "En attente de paiement"
        case .awaitingPaymentConfirmation: "En attente de confirmation de paiement"
        case .validated: "Validé"
        case .activated: "Activé"
        case .paymentRefused: "Paiement refusé"
        case .cancelled: "Annulée"
        case .refunded: "Remboursée"
        }
    }

    /// The states reachable in one step.
    public var successors: Set<OrderStatus> {
        switch self {
        // The notification may arrive before the browser returns, or without it at all.
        case .awaitingPayment: [.awaitingPaymentConfirmation, .validated, .paymentRefused, .cancelled]
        case .awaitingPaymentConfirmation: [.validated, .paymentRefused, .cancelled]
        // A refused payment may be retried (a new attempt on the same order); a payment the provider
        // confirms after all (a retry that went through, a late answer) validates the order.
        case .paymentRefused: [.awaitingPayment, .validated, .cancelled]
        case .validated: [.activated, .refunded]
        case .activated: [.refunded]
        case .cancelled, .refunded: []
        }
    }

    public var isTerminal: Bool { successors.isEmpty }

    /// Whether the order counts as bought (for yearly caps, invoices, exports).
    public var isPaid: Bool { self == .validated || self == .activated }

    public func canMove(to next: OrderStatus) -> Bool { successors.contains(next) }

    /// The next state, or a typed error naming the illegal move.
    public func moving(to next: OrderStatus) throws(OrderTransitionError) -> OrderStatus {
        guard canMove(to: next) else { throw OrderTransitionError(from: self, to: next) }
        return next
    }
}

public struct OrderTransitionError: Error, Sendable, Equatable, CustomStringConvertible {
    public let from: OrderStatus
    public let to: OrderStatus

    public init(from: OrderStatus, to: OrderStatus) {
        self.from = from
        self.to = to
    }

    public var description: String { "Une commande « \(from.label) » ne peut pas passer à « \(to.label) »." }
}
