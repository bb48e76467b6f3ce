import BoutiqueCore
import Crypto
import Foundation

/// The anti-forgery tokens of the shop's forms, bound to the visitor's session.
///
/// A token is a random nonce and the HMAC of that nonce with the session it was issued for (the
/// SHA-256 of the session cookie, or nothing for a visitor not logged in). A plain double-submit
/// token — any value, as long as the cookie and the form field agree — let a site that can set a
/// cookie for the shop's domain (a sibling sub-domain) choose both; without the key it cannot make
/// a token that verifies, and a token issued for one session does not serve another.
public struct FormTokens: Sendable {
    /// Keyed once: every page of every visitor signs or checks a token, and keying hashes the
    /// key's two pads each time (copies of a keyed HMAC continue from them).
    private let keyed: HMAC<SHA256>

    /// With the card secrets, the key derives from `BOUTIQUE_CARD_KEY` (so every instance agrees);
    /// without, a key drawn for this process (one instance: the demo without cards, tests).
    public init(secrets: CardSecrets?) {
        keyed = HMAC<SHA256>(key: secrets?.formTokenKey ?? SymmetricKey(size: .bits256))
    }

    /// A new token for `session` (nil: not logged in).
    public func issue(session: String?) -> String {
        let nonceText = Base64URL.encode(SecureRandom.bytes(18))
        return nonceText + "." + mac(nonceText, session: session)
    }

    /// Whether `token` was issued by this shop for `session`.
    public func isValid(_ token: String, session: String?) -> Bool {
        guard token.count <= 100, let dot = token.firstIndex(of: ".") else { return false }
        let nonce = String(token[..<dot]), sent = String(token[token.index(after: dot)...])
        guard nonce.count >= 24 else { return false }
        return SecureToken.constantTimeEquals(sent, mac(nonce, session: session))
    }

    private func mac(_ nonce: String, session: String?) -> String {
        var mac = keyed
        mac.update(data: Array(nonce.utf8))
        mac.update(data: [UInt8(ascii: "|")])
        if let session { mac.update(data: Array(session.utf8)) }
        return Base64URL.encode(Array(mac.finalize()))
    }
}
