import BoutiqueCore
import Crypto
import Foundation

/// Random secrets for links and sessions: 32 bytes from the system CSPRNG, URL-safe base64.
/// Only their SHA-256 is stored.
public enum SecureToken {
    public static func generate() -> String {
        Base64URL.encode(SecureRandom.bytes(32))
    }

    public static func hash(_ token: String) -> String {
        SHA256.hash(data: Array(token.utf8)).withUnsafeBytes { Hex.lowercase($0) }
    }

    /// Compares two secrets in time independent of where they differ.
    public static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8), right = Array(b.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
