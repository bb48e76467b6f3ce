/// A gift card's 19-digit number: issuer prefix, random digits, Luhn check digit.
///
/// `description` is masked so that interpolating a card number into a log line or a page never
/// leaks it; the full number is only reachable through `digits`, on purpose.
public struct CardNumber: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    public static let length = 19

    /// The 19 digits, in clear. Use only for the card's own view, its PDF and encryption.
    public let digits: String

    /// Validates a number typed or scanned at a till. Spaces and dashes are ignored.
    public init(_ text: String) throws(CardNumberError) {
        let compact = String(text.filter { $0 != " " && $0 != "-" })
        guard compact.count == Self.length, compact.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            throw .malformed
        }
        guard Luhn.isValid(compact) else { throw .checkDigit }
        digits = compact
    }

    private init(unchecked digits: String) { self.digits = digits }

    /// Draws a new number: `prefix` + random digits + Luhn digit, from a CSPRNG by default
    /// (`SystemRandomNumberGenerator` reads the kernel's generator).
    public static func generate<R: RandomNumberGenerator>(
        prefix: CardIssuerPrefix, using generator: inout R
    ) -> CardNumber {
        let randomCount = length - prefix.digits.count - 1
        var body = prefix.digits
        for _ in 0..<randomCount { body.append(Character(String(Int.random(in: 0...9, using: &generator)))) }
        return CardNumber(unchecked: body + String(Luhn.checkDigit(for: body)))
    }

    public static func generate(prefix: CardIssuerPrefix) -> CardNumber {
        var generator = SystemRandomNumberGenerator()
        return generate(prefix: prefix, using: &generator)
    }

    /// `5032XXXXXXXXXXX7118`: first 4 and last 4 digits, an `X` for each hidden one.
    public var masked: String {
        let hidden = String(repeating: "X", count: digits.count - 8)
        return "\(digits.prefix(4))\(hidden)\(digits.suffix(4))"
    }

    /// The last four digits, the only part a till's answer carries.
    public var last4: String { String(digits.suffix(4)) }

    /// Groups of four for printing: `5032 1234 5678 9012 345`.
    public var grouped: String {
        var groups: [String] = []
        var rest = Substring(digits)
        while !rest.isEmpty {
            groups.append(String(rest.prefix(4)))
            rest = rest.dropFirst(4)
        }
        return groups.joined(separator: " ")
    }

    public var description: String { masked }
    public var debugDescription: String { "CardNumber(\(masked))" }
}

public enum CardNumberError: Error, Sendable, Equatable {
    /// Not 19 digits.
    case malformed
    /// 19 digits whose Luhn check digit is wrong (a typing error).
    case checkDigit
}

/// The issuer's fixed leading digits, configured per deployment (e.g. `5032`).
public struct CardIssuerPrefix: Sendable, Hashable {
    public let digits: String

    /// Between 1 and 8 digits, so that at least 10 random digits remain.
    public init(_ digits: String) throws(CardNumberError) {
        guard (1...8).contains(digits.count), digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            throw .malformed
        }
        self.digits = digits
    }
}

/// The Luhn (mod 10) check used by payment and gift cards.
public enum Luhn {
    public static func checkDigit(for body: String) -> Int {
        // Doubling starts at the rightmost digit of the body, since the check digit goes after it.
        let sum = weightedSum(body, doubleRightmost: true)
        return (10 - sum % 10) % 10
    }

    public static func isValid(_ number: String) -> Bool {
        guard number.count > 1, number.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return false }
        return weightedSum(number, doubleRightmost: false) % 10 == 0
    }

    private static func weightedSum(_ digits: String, doubleRightmost: Bool) -> Int {
        var sum = 0
        var double = doubleRightmost
        for byte in digits.utf8.reversed() {
            var value = Int(byte) - 48
            if double {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
            double.toggle()
        }
        return sum
    }
}
