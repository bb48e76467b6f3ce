import BoutiqueCore
import Testing

@Suite("Order status")
struct OrderStatusTests {
    /// The legal moves, written out independently of `OrderStatus.successors`.
    static let legal: Set<[OrderStatus]> = [
        [.awaitingPayment, .awaitingPaymentConfirmation],
        [.awaitingPayment, .validated],
        [.awaitingPayment, .paymentRefused],
        [.awaitingPayment, .cancelled],
        [.awaitingPaymentConfirmation, .validated],
        [.awaitingPaymentConfirmation, .paymentRefused],
        [.awaitingPaymentConfirmation, .cancelled],
        [.paymentRefused, .awaitingPayment],
        [.paymentRefused, .validated],
        [.paymentRefused, .cancelled],
        [.validated, .activated],
        [.validated, .refunded],
        [.activated, .refunded],
    ]

    @Test("labels are the guide's")
    func labels() {
        #expect(OrderStatus.allCases.map(\.label) == [
            "En attente de paiement", "En attente de confirmation de paiement", "Validé", "Activé",
            "Paiement refusé", "Annulée", "Remboursée",
        ])
    }

    @Test("every legal move is allowed")
    func legalMoves() throws {
        for move in Self.legal {
            #expect(try move[0].moving(to: move[1]) == move[1])
        }
    }

    @Test("every other move is a typed error", arguments: OrderStatus.allCases)
    func illegalMoves(from: OrderStatus) {
        for to in OrderStatus.allCases where !Self.legal.contains([from, to]) {
            #expect(throws: OrderTransitionError(from: from, to: to)) { try from.moving(to: to) }
        }
    }

    @Test("returning from the payment page never validates by itself; refunds and cancellations are final")
    func keyRules() {
        #expect(!OrderStatus.awaitingPaymentConfirmation.canMove(to: .activated))
        #expect(OrderStatus.cancelled.isTerminal)
        #expect(OrderStatus.refunded.isTerminal)
        #expect(OrderStatus.validated.isPaid && OrderStatus.activated.isPaid)
        #expect(!OrderStatus.awaitingPaymentConfirmation.isPaid)
        #expect(OrderTransitionError(from: .cancelled, to: .validated).description.contains("Annulée"))
    }
}
