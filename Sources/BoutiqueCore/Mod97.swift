/// The ISO 7064 MOD 97-10 arithmetic shared by IBANs (ISO 13616) and creditor references
/// (ISO 11649): letters count as two digits (A = 10 … Z = 35), the remainder is taken digit by
/// digit so a 34-character IBAN never overflows.
enum Mod97 {
    /// The remainder of the number the text spells, or nil for a character that is neither an
    /// ASCII digit nor an upper-case letter.
    static func remainder(_ text: String) -> Int? {
        var remainder = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                remainder = (remainder * 10 + Int(byte - UInt8(ascii: "0"))) % 97
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                remainder = (remainder * 100 + Int(byte - UInt8(ascii: "A")) + 10) % 97
            default:
                return nil
            }
        }
        return remainder
    }

    /// Spaces dropped and letters upper-cased, as people type and print these codes.
    static func compact(_ text: String) -> String {
        String(text.unicodeScalars.filter { !$0.properties.isWhitespace }.map { Character($0) }).uppercased()
    }

    /// Groups of four separated by a space, the printed form (« FR76 3000 6000 … »).
    static func groupedByFour(_ text: String) -> String {
        var groups: [Substring] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            groups.append(rest.prefix(4))
            rest = rest.dropFirst(4)
        }
        return groups.joined(separator: " ")
    }

    static func isUpperAlphanumeric(_ text: String) -> Bool {
        text.utf8.allSatisfy { (48...57).contains($0) || (65...90).contains($0) }
    }
}
