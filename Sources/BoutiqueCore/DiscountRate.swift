/// A discount rate in basis points: 500 = 5 %. Integer so that prices never touch floating point.
public struct DiscountRate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let basisPoints: Int

    /// The highest rate a shop may set: a 100 % discount would give cards away.
    public static let maximumBasisPoints = 9_999

    public init(basisPoints: Int) throws(PricingError) {
        guard (0...Self.maximumBasisPoints).contains(basisPoints) else { throw .invalidRate(basisPoints) }
        self.basisPoints = basisPoints
    }

    /// Builds a rate from a whole percentage, as operators type it ("5" → 5 %).
    public static func percent(_ percent: Int) throws(PricingError) -> DiscountRate {
        guard (0...99).contains(percent) else { throw .invalidRate(percent * 100) }
        return try DiscountRate(basisPoints: percent * 100)
    }

    public static let none = DiscountRate(uncheckedBasisPoints: 0)

    private init(uncheckedBasisPoints: Int) { basisPoints = uncheckedBasisPoints }

    public static func < (lhs: DiscountRate, rhs: DiscountRate) -> Bool { lhs.basisPoints < rhs.basisPoints }

    /// As the guide prints it: `5%`, `2.5%`.
    public var description: String { "\(number(separator: "."))%" }

    /// French format: `5 %`, `2,5 %`.
    public var french: String { "\(number(separator: ","))\u{00A0}%" }

    private func number(separator: String) -> String {
        let whole = basisPoints / 100
        let rest = basisPoints % 100
        if rest == 0 { return "\(whole)" }
        let fraction = rest % 10 == 0 ? "\(rest / 10)" : (rest < 10 ? "0\(rest)" : "\(rest)")
        return "\(whole)\(separator)\(fraction)"
    }
}
