import BoutiqueCore
import BoutiqueStore
import Foundation

/// Where an employee's order stands, step by step, as « Suivre ma commande » shows it: the
/// provider has the payment, the shop validated it, the cards are in the personal space. While
/// a step is still to come on its own the page refreshes itself.
public struct OrderTracking: Sendable {
    public struct Step: Sendable, Equatable {
        public let label: String
        public let doneAt: Date?
        public let isDone: Bool
    }

    public let order: OrderRecord
    public let steps: [Step]
    /// The next step comes without the employee doing anything (confirmation, issue).
    public let isUpdating: Bool

    init(_ detail: OrderTable.Detail) {
        order = detail.record
        let status = detail.record.status
        let paid: Set<OrderStatus> = [.awaitingPaymentConfirmation, .validated, .activated, .refunded]
        let validated: Set<OrderStatus> = [.validated, .activated, .refunded]
        steps = [
            Step(label: "Paiement reçu", doneAt: nil, isDone: paid.contains(status)),
            Step(label: "Commande validée", doneAt: detail.validatedAt, isDone: validated.contains(status)),
            Step(label: "e-Cartes disponibles", doneAt: detail.activatedAt,
                 isDone: status == .activated || (status == .refunded && detail.activatedAt != nil)),
        ]
        isUpdating = status == .awaitingPaymentConfirmation || status == .validated
    }
}

extension OrderHistory {
    /// One of the employee's own orders with its steps; nil when it is not theirs.
    public func tracking(actor: AccountActor, orderID: UUID) async throws -> OrderTracking? {
        guard actor.role == .employee else { return nil }
        return try await Self.detail(actor: actor, orderID: orderID, in: database.tables).map(OrderTracking.init)
    }
}
