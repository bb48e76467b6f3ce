import BoutiqueCore
import BoutiqueStore
import Crypto
import Foundation

/// Seals the staff's TOTP secrets at rest, as card numbers are: AES-GCM with a key derived from
/// `BOUTIQUE_CARD_KEY`, bound to the account, so that a copy of the database (a backup, a
/// replica, a dump in a ticket) does not give anyone the codes of an operator's authenticator,
/// and a sealed secret moved to another account's row does not open.
struct TOTPSealer: Sendable {
    /// Marks a sealed value; a value without it was stored in clear before sealing existed.
    static let prefix = "v1."

    let key: SymmetricKey

    init(secrets: CardSecrets) {
        key = secrets.totpKey
    }

    func seal(_ secret: String, userID: UUID) throws -> String {
        guard let combined = try AES.GCM.seal(Data(secret.utf8), using: key, authenticating: Self.context(userID)).combined else {
            throw ConfigurationError("Chiffrement AES-GCM indisponible.")
        }
        return Self.prefix + combined.base64EncodedString()
    }

    /// The clear secret; a value stored before sealing is returned as it is. Nil when the sealed
    /// value does not open with this key for this account.
    func open(_ stored: String, userID: UUID) -> String? {
        guard stored.hasPrefix(Self.prefix) else { return stored }
        guard let data = Data(base64Encoded: String(stored.dropFirst(Self.prefix.count))),
              let box = try? AES.GCM.SealedBox(combined: data),
              let clear = try? AES.GCM.open(box, using: key, authenticating: Self.context(userID)) else { return nil }
        return String(decoding: clear, as: UTF8.self)
    }

    private static func context(_ userID: UUID) -> Data {
        Data("totp:\(userID.uuidString)".utf8)
    }
}
