import BoutiqueCore
import Crypto
import Foundation
import HummingbirdBcrypt

/// bcrypt password hashing. The cost is configurable so tests can use the minimum (4) and
/// production the default (12, about a quarter of a second per hash on these machines).
///
/// bcrypt reads only a password's first 72 bytes: two passphrases sharing those (72 ASCII
/// characters, or 24 characters of a script written with 3-byte UTF-8) were the same password.
/// So bcrypt now runs over base64(SHA-256(password)) — 44 bytes, no NUL — and the stored hash
/// says so with `prehashedPrefix`. Hashes written before keep verifying the old way.
public struct PasswordHasher: Sendable {
    public let cost: UInt8

    /// Marks a hash of the pre-hashed password; a plain bcrypt hash starts with `$2`.
    public static let prehashedPrefix = "sha256$"

    public init(cost: UInt8 = 12) {
        self.cost = min(max(cost, 4), 31)
    }

    public func hash(_ password: String) -> String {
        Self.prehashedPrefix + Bcrypt.hash(Self.prehash(password), cost: cost)
    }

    public func verify(_ password: String, against hash: String) -> Bool {
        if hash.hasPrefix(Self.prehashedPrefix) {
            return Bcrypt.verify(Self.prehash(password), hash: String(hash.dropFirst(Self.prehashedPrefix.count)))
        }
        return Bcrypt.verify(password, hash: hash)
    }

    static func prehash(_ password: String) -> String {
        Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
    }
}
