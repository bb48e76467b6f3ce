/// One line of a cart or order as priced: face value × quantity at a discount rate.
public struct PricedLine: Sendable, Hashable {
    public let faceValue: Money
    public let quantity: Int
    public let rate: DiscountRate
    /// Face value × quantity: what the cards will hold.
    public let faceTotal: Money
    /// What the employee pays for the line, rounded half-up to the cent once.
    public let price: Money

    public var saving: Money { Money(cents: faceTotal.cents - price.cents) }
}

/// The totals of an order: what the cards hold, what is paid, and the difference.
public struct PricedOrder: Sendable, Hashable {
    public let lines: [PricedLine]
    public let faceTotal: Money
    public let total: Money
    /// Face total − total; the cart's "Vous économisez".
    public let savings: Money
}

public enum PricingError: Error, Sendable, Equatable {
    case invalidRate(Int)
    case invalidQuantity(Int)
    case invalidFaceValue(Money)
    case overflow
}

/// Prices lines the way the real shop does: the discount applies per line, rounded half-up to the
/// cent once per line, and the order total is the sum of line prices (never re-rounded).
public enum Pricing {
    public static func price(faceValue: Money, quantity: Int, rate: DiscountRate) throws(PricingError) -> PricedLine {
        guard quantity > 0 else { throw .invalidQuantity(quantity) }
        guard faceValue.cents > 0 else { throw .invalidFaceValue(faceValue) }
        let (gross, grossOverflow) = faceValue.cents.multipliedReportingOverflow(by: quantity)
        let (scaled, scaledOverflow) = gross.multipliedReportingOverflow(by: 10_000 - rate.basisPoints)
        guard !grossOverflow, !scaledOverflow else { throw .overflow }
        // Half-up on a positive amount: add half the divisor before the integer division.
        let price = (scaled + 5_000) / 10_000
        return PricedLine(faceValue: faceValue, quantity: quantity, rate: rate,
                          faceTotal: Money(cents: gross), price: Money(cents: price))
    }

    /// A line whose price was settled elsewhere: a card's unspent balance credited at the price
    /// the employee paid for it (`Refunds.share`), which the rate alone would round differently.
    public static func line(faceValue: Money, quantity: Int, rate: DiscountRate, price: Money) throws(PricingError) -> PricedLine {
        guard quantity > 0 else { throw .invalidQuantity(quantity) }
        guard faceValue.cents > 0 else { throw .invalidFaceValue(faceValue) }
        let (gross, overflow) = faceValue.cents.multipliedReportingOverflow(by: quantity)
        guard !overflow, (0...gross).contains(price.cents) else { throw .overflow }
        return PricedLine(faceValue: faceValue, quantity: quantity, rate: rate, faceTotal: Money(cents: gross), price: price)
    }

    public static func total(of lines: [PricedLine]) throws(PricingError) -> PricedOrder {
        do {
            let face = try Money.sum(lines.map(\.faceTotal))
            let total = try Money.sum(lines.map(\.price))
            return PricedOrder(lines: lines, faceTotal: face, total: total,
                               savings: try face.subtracting(total))
        } catch {
            throw .overflow
        }
    }
}
