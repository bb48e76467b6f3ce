/// A `#RRGGBB` colour; anything else is refused so a setting can never inject CSS.
struct BrandColor: Equatable {
    let hex: String

    static let fallback = BrandColor(unchecked: "#1d4f91")

    init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 7, bytes[0] == UInt8(ascii: "#"),
              bytes.dropFirst().allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) || ($0 >= 65 && $0 <= 70) })
        else { return nil }
        hex = text.lowercased()
    }

    private init(unchecked hex: String) { self.hex = hex }
}
