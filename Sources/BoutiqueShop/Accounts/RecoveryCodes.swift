import BoutiqueCore
import Foundation

/// The ten single-use recovery codes given when the second factor is set up: the way back in
/// when the phone with the authenticator is lost, without waiting for the operator.
///
/// A code is 10 characters of Crockford's base32 (50 bits), shown as `xxxxx-xxxxx`; typed back,
/// case, spaces and hyphens do not matter and the letters that look like digits read as them.
/// Guessing is bounded by the code page's throttle (5 tries a minute per account).
public enum RecoveryCodes {
    public static let count = 10
    static let length = 10
    static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz")

    /// Ten new codes, for display (`xxxxx-xxxxx`).
    public static func generate() -> [String] {
        (0..<count).map { _ in
            let characters = SecureRandom.bytes(length).map { alphabet[Int($0 & 31)] }
            return String(characters.prefix(5)) + "-" + String(characters.suffix(5))
        }
    }

    /// The code as stored (lower case, no separator, confusable letters read as digits), or nil
    /// when it cannot be a recovery code (then it is not even looked up).
    public static func normalized(_ input: String) -> String? {
        let mapped = input.lowercased().compactMap { character -> Character? in
            switch character {
            case " ", "-", "\t": nil
            case "o": "0"
            case "i", "l": "1"
            default: character
            }
        }
        guard mapped.count == length, mapped.allSatisfy(alphabet.contains) else { return nil }
        return String(mapped)
    }

    /// What is stored for a code: its SHA-256 with the account's id, so one hash cannot be tried
    /// against every account's codes at once.
    static func hash(_ normalized: String, userID: UUID) -> String {
        SecureToken.hash("recovery:\(userID.uuidString):\(normalized)")
    }

    static func hashes(_ codes: [String], userID: UUID) -> [String] {
        codes.compactMap(normalized).map { hash($0, userID: userID) }
    }
}
