import BoutiqueCore
import Foundation

/// What the operator's refund of an order will do, shown before anything moves: each card with
/// its balance and what that balance gives back at the price paid, the lines whose cards are not
/// issued yet (their whole price goes back), and the total to the buyer's bank.
public struct RefundPreview: Sendable {
    public struct Card: Sendable {
        /// `…7118`: the last four digits only.
        public let last4: String
        public let productName: String
        public let faceValueCents: Int
        /// 0 for a card no longer active (spent, blocked, expired): nothing of it goes back.
        public let balanceCents: Int
        public let isActive: Bool
        /// The share of the line's price this balance stands for.
        public let refundCents: Int
    }

    /// An order line without cards yet: its price goes back whole.
    public struct Line: Sendable {
        public let productName: String
        public let quantity: Int
        public let priceCents: Int
    }

    public let order: OrderRecord
    public let cards: [Card]
    public let unissuedLines: [Line]
    /// What goes back to the buyer's bank (never more than the order's total).
    public let refundCents: Int
}
