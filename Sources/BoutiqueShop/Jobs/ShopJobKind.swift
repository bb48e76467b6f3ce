import BoutiqueCore

/// Every background job kind of the shop: the one list. A new kind is a new case here, and the
/// workers' registry (`ShopJobs.complete`) does not compile until the case has a handler.
public enum ShopJobKind: String, CaseIterable, Sendable {
    case sendMail = "mail.send"
    case pruneMail = "mail.prune"
    case checkPayment = "payment.check"
    case reconcilePayments = "payments.reconcile"
    case issueOrderCards = "order.validated"
    case sendCard = "card.send"
    case remindExpiry = "cards.remind"
    case refundPayment = "payment.refund"
    case issueDotationCards = "dotation.paid"
    case expireCards = "cards.expire"
    case pruneIdempotency = "pos.prune-idempotency"
    case diagnosticTally = "diagnostic.tally"
    case sendFarewell = "account.farewell"
    case applyAccountRetention = "accounts.retention"
}
