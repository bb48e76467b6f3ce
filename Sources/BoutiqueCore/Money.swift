/// An amount of euros held as integer cents. Never a floating-point number.
///
/// Arithmetic traps on overflow would crash a server, so the operators report overflow as a
/// typed error instead (`MoneyError.overflow`); amounts in a gift-card shop are far from the
/// limits, so reaching it means corrupted input, not a normal case.
public struct Money: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The amount in euro cents; may be negative (a refund, a saving shown as "- 8.00 €").
    public let cents: Int

    public init(cents: Int) { self.cents = cents }

    /// Whole euros, for amounts entered as whole euros (load amounts of free-amount cards).
    public static func euros(_ euros: Int) throws(MoneyError) -> Money {
        let (value, overflow) = euros.multipliedReportingOverflow(by: 100)
        if overflow { throw .overflow }
        return Money(cents: value)
    }

    public static let zero = Money(cents: 0)

    public var isNegative: Bool { cents < 0 }
    public var isZero: Bool { cents == 0 }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }

    public func adding(_ other: Money) throws(MoneyError) -> Money {
        let (value, overflow) = cents.addingReportingOverflow(other.cents)
        if overflow { throw .overflow }
        return Money(cents: value)
    }

    public func subtracting(_ other: Money) throws(MoneyError) -> Money {
        let (value, overflow) = cents.subtractingReportingOverflow(other.cents)
        if overflow { throw .overflow }
        return Money(cents: value)
    }

    public func multiplied(by factor: Int) throws(MoneyError) -> Money {
        let (value, overflow) = cents.multipliedReportingOverflow(by: factor)
        if overflow { throw .overflow }
        return Money(cents: value)
    }

    /// Sum of amounts, failing on overflow rather than wrapping.
    public static func sum<S: Sequence>(_ amounts: S) throws(MoneyError) -> Money where S.Element == Money {
        var total = Money.zero
        for amount in amounts { total = try total.adding(amount) }
        return total
    }

    /// French format: `152,00 €` (a no-break space before the euro sign, a narrow no-break space
    /// between thousands: `1 234,50 €`).
    public var french: String { format(decimalSeparator: ",", groupSeparator: "\u{202F}", suffix: "\u{00A0}€") }

    /// Plain decimal for CSV exports and machine-readable places: `152.00`, `-8.00`.
    public var decimal: String { format(decimalSeparator: ".", groupSeparator: "", suffix: "") }

    /// The one format of pages, e-mails and documents (CSV files use `decimal`).
    public var description: String { french }

    private func format(decimalSeparator: String, groupSeparator: String, suffix: String) -> String {
        // magnitude avoids overflow on Int.min
        let magnitude = cents.magnitude
        let units = magnitude / 100
        let fraction = magnitude % 100
        let sign = cents < 0 ? "-" : ""
        let fractionText = fraction < 10 ? "0\(fraction)" : "\(fraction)"
        return "\(sign)\(Self.group(units, separator: groupSeparator))\(decimalSeparator)\(fractionText)\(suffix)"
    }

    private static func group(_ value: UInt, separator: String) -> String {
        let digits = String(value)
        guard !separator.isEmpty, digits.count > 3 else { return digits }
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return groups.joined(separator: separator)
    }
}

public enum MoneyError: Error, Sendable, Equatable {
    case overflow
}
