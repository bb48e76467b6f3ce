import BoutiqueCore
import Crypto
import Foundation

/// POS API keys: `bpos_` + 32 random bytes (URL-safe base64). Only their SHA-256 is stored, so a
/// database leak gives no usable key; SHA-256 (not bcrypt) because a key has 256 bits of entropy
/// and is checked on every request.
public enum POSKeys {
    public static let prefix = "bpos_"

    public static func generate() -> String {
        prefix + Base64URL.encode(SecureRandom.bytes(32))
    }

    /// `bpos_Ab3x…`: enough for a retailer to tell their keys apart, far too little to guess one.
    public static func hint(_ key: String) -> String {
        String(key.prefix(prefix.count + 4)) + "…"
    }

    public static func hash(_ key: String) -> Data {
        Data(SHA256.hash(data: Data(key.utf8)))
    }
}
