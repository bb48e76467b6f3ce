import BoutiqueCore
import HummingbirdBcrypt

/// bcrypt password hashing. The cost is configurable so tests can use the minimum (4) and
/// production the default (12, about a quarter of a second per hash on these machines).
public struct PasswordHasher: Sendable {
    public let cost: UInt8

    public init(cost: UInt8 = 12) {
        self.cost = min(max(cost, 4), 31)
    }

    public func hash(_ password: String) -> String { Bcrypt.hash(password, cost: cost) }

    public func verify(_ password: String, against hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }
}
