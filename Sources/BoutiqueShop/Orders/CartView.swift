import BoutiqueCore
import Foundation

/// The cart as "Mon panier" shows it, priced at the CSE's current rates.
public struct CartSummary: Sendable {
    public struct Line: Sendable {
        public let id: UUID
        public let productName: String
        public let faceValue: Money
        public let quantity: Int
        public let maxQuantity: Int
        public let rate: DiscountRate
        public let price: Money
        /// The date the card would stop working if bought today ("valable 04/07/2020").
        public let validUntil: CalendarDate
    }

    public let lines: [Line]
    public let faceTotal: Money
    public let total: Money
    public let savings: Money

    public var isEmpty: Bool { lines.isEmpty }
}
