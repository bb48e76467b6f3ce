/// A card's 4-digit PIN. Like `CardNumber`, it never prints itself.
public struct CardPIN: Sendable, Hashable, CustomStringConvertible {
    public let digits: String

    public init(_ text: String) throws(CardNumberError) {
        guard text.count == 4, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { throw .malformed }
        digits = text
    }

    public static func generate<R: RandomNumberGenerator>(using generator: inout R) -> CardPIN {
        let value = Int.random(in: 0...9_999, using: &generator)
        let text = String(value)
        return CardPIN(unchecked: String(repeating: "0", count: 4 - text.count) + text)
    }

    public static func generate() -> CardPIN {
        var generator = SystemRandomNumberGenerator()
        return generate(using: &generator)
    }

    private init(unchecked digits: String) { self.digits = digits }

    public var description: String { "••••" }
}
