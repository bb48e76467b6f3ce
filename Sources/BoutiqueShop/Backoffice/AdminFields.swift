import BoutiqueCore
import Foundation

/// The back office's number fields, as operators type them: `150`, `150,50` or `150.50` euros,
/// `5` or `2,5` per cent. Parsed digit by digit into integers: money never touches floating point.
public enum AdminFields {
    /// Euros with at most two decimals, from 0 to `maxEuros`, as cents; nil when malformed.
    public static func cents(_ text: String, maxEuros: Int = 1_000_000) -> Int? {
        guard let (whole, fraction) = decimal(text, fractionDigits: 2), whole <= maxEuros else { return nil }
        let cents = whole * 100 + fraction
        return cents <= maxEuros * 100 ? cents : nil
    }

    /// A rate from 0 to 99.99 per cent, as basis points.
    public static func basisPoints(_ text: String) -> Int? {
        guard let (whole, fraction) = decimal(text.replacingOccurrences(of: "%", with: ""), fractionDigits: 2) else { return nil }
        let value = whole * 100 + fraction
        return value <= DiscountRate.maximumBasisPoints ? value : nil
    }

    /// A whole number within `range`.
    public static func integer(_ text: String, in range: ClosedRange<Int>) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count <= 9, trimmed.allSatisfy(\.isASCIIDigit), let value = Int(trimmed), range.contains(value) else { return nil }
        return value
    }

    /// `12,5` → (12, 50) with two fraction digits. Signs, exponents and grouping are refused.
    static func decimal(_ text: String, fractionDigits: Int) -> (Int, Int)? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 9,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }), let whole = Int(parts[0]) else { return nil }
        guard parts.count == 2 else { return (whole, 0) }
        let fraction = parts[1]
        guard !fraction.isEmpty, fraction.count <= fractionDigits, let value = Int(fraction) else { return nil }
        var scaled = value
        for _ in fraction.count..<fractionDigits { scaled *= 10 }
        return (whole, scaled)
    }

    /// `#1d4f91`: anything else could inject CSS into the CSE's theme.
    public static func color(_ text: String) -> String? {
        let value = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard value.count == 7, value.hasPrefix("#"), value.dropFirst().allSatisfy({ $0.isASCII && $0.isHexDigit }) else { return nil }
        return value
    }

    /// A shop-link name: 2 to 40 lower-case letters, digits and dashes, not at the ends.
    public static func slug(_ text: String) -> String? {
        let value = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard (2...40).contains(value.count), !value.hasPrefix("-"), !value.hasSuffix("-"),
              value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else { return nil }
        return value
    }
}
