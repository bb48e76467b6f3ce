import BoutiqueCore
import BoutiqueMail
import BoutiqueStore
import Foundation

/// A confirmed charge the shop does not keep goes back to the buyer's bank: a second charge of an
/// order already paid (or refunded), the charge of an order cancelled meanwhile, or one that would
/// pass the CSE's caps. Recorded on the order (`payment_refunds`, `orders.refunded_cents`), sent by
/// the refund job, e-mailed and audited, all in the confirming transaction; keyed by the charge,
/// so a replayed check records it once.
struct ChargeRefund {
    let composer: MailComposer
    let now: @Sendable () -> Date

    /// A charge for an order that no longer waits for one.
    func unwanted(_ order: OrderTable.Detail, attempt: PaymentTable.Attempt, in tables: Tables) async throws {
        let status = try await tables.orders.status(of: order.record.id)
        let cancelled = status == .cancelled
        let reference = order.record.reference
        let explanation = cancelled
            ? "Nous avons reçu un paiement pour votre commande \(reference), alors qu'elle avait été annulée faute de paiement dans le délai."
            : "Nous avons reçu un second paiement pour votre commande \(reference), qui était déjà payée."
        try await record(order, attempt: attempt, reason: cancelled ? .notPayable : .duplicate, explanation: explanation,
                         advice: cancelled ? "Pour acheter ces e-Cartes, passez une nouvelle commande depuis la boutique de votre CSE." : nil,
                         in: tables)
    }

    /// A charge that would pass a cap; the order is cancelled in the same transaction.
    func pastCap(_ order: OrderTable.Detail, attempt: PaymentTable.Attempt, cap: CapCheck.Passed, in tables: Tables) async throws {
        try await record(order, attempt: attempt, reason: .cap,
                         explanation: OrderMessages.capRefund(reference: order.record.reference, cap: cap.cap, yearly: cap.isYearly),
                         advice: "Aucune e-Carte n'est émise pour cette commande.", in: tables)
    }

    private func record(_ order: OrderTable.Detail, attempt: PaymentTable.Attempt, reason: PaymentRefundReason, explanation: String,
                        advice: String?, in tables: Tables) async throws {
        let orderID = order.record.id, amount = attempt.amountCents
        guard let refundID = try await tables.payments.addRefund(orderID: orderID, attemptID: attempt.id, amountCents: amount, reason: reason,
                                                                 idempotencyKey: "refund-charge-\(attempt.id)", at: now())
        else { return }
        try await tables.orders.addRefunded(orderID, cents: amount)
        try await JobQueue.enqueue(NewJob(kind: Refunds.kind, payload: try JobPayload.encode(Refunds.Job(orderID: orderID, amount: amount, refundID: refundID)),
                                          maxAttempts: 30), in: tables, now: now())
        let buyer = order.buyer, money = Money(cents: amount)
        let data = ChargeRefundMail(reference: order.record.reference, amount: money.french, explanation: explanation, advice: advice)
        try await Outbox.enqueue(try composer.compose("charge-refunded", to: MailAddress(buyer.email, name: "\(buyer.firstName) \(buyer.lastName)"),
                                                      subject: "Remboursement d'un paiement de votre commande \(order.record.reference)", data: data),
                                 in: tables)
        try await AuditLog.record(.chargeRefunded, by: .paymentChecks, target: order.record.reference, tenantID: order.record.tenantID,
                                  details: "\(money.french) : \(reason.label) (paiement \(attempt.reference))", in: tables)
    }
}

/// What `charge-refunded` prints.
struct ChargeRefundMail: Sendable {
    let reference: String
    let amount: String
    let explanation: String
    let advice: String?
}

extension AccountActor {
    /// The shop itself, confirming payments (the audit log names it).
    static let paymentChecks = AccountActor(id: nobody, role: .operator, tenantID: nil, email: "boutique (contrôle des paiements)")
}
