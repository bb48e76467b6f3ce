import BoutiqueCore
import BoutiqueShop
import Foundation

/// What `admin-refund.mustache` prints: the order, each card with its balance and what it gives
/// back, and the form that confirms with the amount shown.
struct RefundConfirmationView {
    struct Card { let number, product, faceValue, balance, state, refund: String }
    struct Line { let product, quantity, price: String }

    let id, reference, cse, employee, email, status, total: String
    let cards: [Card]
    let hasCards: Bool
    let lines: [Line]
    let hasLines: Bool
    /// What goes back to the card holder's bank.
    let refund: String
    let refundCents: String
    let isZero: Bool
    let alreadyRefunded: String?
    let csrf: String

    init(_ preview: RefundPreview, csrf: String) {
        let order = preview.order
        id = order.id.uuidString
        reference = order.reference
        cse = order.cseName ?? ""
        employee = order.customer?.displayName ?? ""
        email = order.customer?.email ?? ""
        status = order.status.label
        total = Money(cents: order.totalCents).french
        cards = preview.cards.map {
            Card(number: "…\($0.last4)", product: $0.productName, faceValue: Money(cents: $0.faceValueCents).french,
                 balance: Money(cents: $0.balanceCents).french, state: $0.isActive ? "Active : sera bloquée" : "Inactive : rien à rembourser",
                 refund: Money(cents: $0.refundCents).french)
        }
        hasCards = !cards.isEmpty
        lines = preview.unissuedLines.map {
            Line(product: $0.productName, quantity: String($0.quantity), price: Money(cents: $0.priceCents).french)
        }
        hasLines = !lines.isEmpty
        refund = Money(cents: preview.refundCents).french
        refundCents = String(preview.refundCents)
        isZero = preview.refundCents == 0
        alreadyRefunded = order.refundedCents > 0 ? Money(cents: order.refundedCents).french : nil
        self.csrf = csrf
    }
}
