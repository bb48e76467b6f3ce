import BoutiqueCore
import BoutiqueStore
import Crypto
import Foundation

/// The card ledger's keys, derived from one 32-byte secret (`BOUTIQUE_CARD_KEY`, base64):
/// an AES-GCM key that seals numbers and PINs at rest, and an HMAC-SHA256 key whose digest of a
/// number finds its card without storing the number in clear. Deriving both with HKDF keeps one
/// secret to manage while never using the same key for two purposes.
public struct CardSecrets: Sendable {
    private let sealingKey: SymmetricKey
    /// HMAC keyed once: its inner and outer pads are hashed here, and each look-up continues a
    /// copy (the keying was half of a look-up's hashing time).
    private let lookupMAC: HMAC<SHA256>
    private let demoKey: SymmetricKey
    /// Signs the forms' anti-forgery tokens (`FormTokens`).
    let formTokenKey: SymmetricKey
    /// Seals the staff's TOTP secrets at rest (`TOTPSealer`).
    let totpKey: SymmetricKey

    /// - Parameter secret: exactly 32 bytes.
    public init(secret: Data) throws(ConfigurationError) {
        guard secret.count == 32 else {
            throw ConfigurationError("BOUTIQUE_CARD_KEY invalide : 32 octets encodés en base64 attendus (openssl rand -base64 32).")
        }
        let master = SymmetricKey(data: secret)
        sealingKey = Self.derive(master, "boutique.cards.seal.v1")
        lookupMAC = HMAC<SHA256>(key: Self.derive(master, "boutique.cards.lookup.v1"))
        demoKey = Self.derive(master, "boutique.pos.demo-key.v1")
        formTokenKey = Self.derive(master, "boutique.web.form-token.v1")
        totpKey = Self.derive(master, "boutique.accounts.totp-seal.v1")
    }

    /// The value of `BOUTIQUE_CARD_KEY` (32 bytes in base64), checked; the settings read it.
    public static func key(base64 text: String) throws(ConfigurationError) -> Data {
        guard let secret = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw ConfigurationError("BOUTIQUE_CARD_KEY invalide : ce n'est pas du base64 (openssl rand -base64 32).")
        }
        _ = try CardSecrets(secret: secret)
        return secret
    }

    /// The configured `key` when there is one; otherwise, only when `allowGenerated` (the demo),
    /// the key file `card.key` of the data folder, created on first use with mode 0600.
    public static func load(key: Data?, dataFolder: String, allowGenerated: Bool) throws -> CardSecrets {
        if let key { return try CardSecrets(secret: key) }
        guard allowGenerated else {
            throw ConfigurationError("BOUTIQUE_CARD_KEY manquant : la clé qui chiffre les numéros de cartes est obligatoire hors démo (openssl rand -base64 32).")
        }
        return try CardSecrets(secret: try loadOrCreateKeyFile(folder: dataFolder))
    }

    /// The demo's key file: read it, or write 32 random bytes (base64) readable by the owner only.
    public static func loadOrCreateKeyFile(folder: String) throws -> Data {
        let path = URL(fileURLWithPath: folder).appendingPathComponent("card.key").path
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            guard let secret = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), secret.count == 32 else {
                throw ConfigurationError("Le fichier de clé \(path) est illisible : supprimez-le seulement si aucune carte n'a été émise avec.")
            }
            return secret
        }
        if !FileManager.default.fileExists(atPath: folder) {
            // The data folder, readable by its owner only (the database goes there too).
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let secret = Data(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
        // Created with 0600 from the start (no window where it is world-readable), and never replaced.
        guard FileManager.default.createFile(atPath: path, contents: Data((secret.base64EncodedString() + "\n").utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw ConfigurationError("Impossible de créer le fichier de clé des cartes \(path).")
        }
        return secret
    }

    /// The keyed hash that finds a card by its number.
    public func lookupHash(_ number: CardNumber) -> Data {
        var mac = lookupMAC
        mac.update(data: Array(number.digits.utf8))
        return Data(mac.finalize())
    }

    /// Seals a number or PIN, bound to its card and field so a sealed value cannot be moved to another row.
    public func seal(_ digits: String, cardID: UUID, field: String) throws -> Data {
        guard let combined = try AES.GCM.seal(Data(digits.utf8), using: sealingKey,
                                              authenticating: Self.context(cardID, field)).combined else {
            throw ConfigurationError("Chiffrement AES-GCM indisponible.")
        }
        return combined
    }

    public func open(_ sealed: Data, cardID: UUID, field: String) throws -> String {
        let box = try AES.GCM.SealedBox(combined: sealed)
        return String(decoding: try AES.GCM.open(box, using: sealingKey, authenticating: Self.context(cardID, field)), as: UTF8.self)
    }

    public func number(of card: CardRecord) throws -> CardNumber {
        try CardNumber(try open(card.numberSealed, cardID: card.id, field: "number"))
    }

    public func pin(of card: CardRecord) throws -> CardPIN {
        try pin(cardID: card.id, sealed: card.pinSealed)
    }

    public func pin(cardID: UUID, sealed: Data) throws -> CardPIN {
        try CardPIN(try open(sealed, cardID: cardID, field: "pin"))
    }

    /// The demo POS client's key: derived, so that every start of the demo can print it again
    /// although only its hash is stored.
    public var demoPOSKey: String {
        POSKeys.prefix + Base64URL.encode(Data(HMAC<SHA256>.authenticationCode(for: Data("demo".utf8), using: demoKey)))
    }

    private static func derive(_ master: SymmetricKey, _ info: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Data(info.utf8), outputByteCount: 32)
    }

    private static func context(_ cardID: UUID, _ field: String) -> Data {
        Data("\(field):\(cardID.uuidString)".utf8)
    }
}
