import Crypto
import Foundation

/// Stripe's webhook signature scheme, `t=<unix seconds>,v1=<hex HMAC-SHA256>[,v1=…]` over
/// `"<t>.<raw body>"`, used both to check Stripe's events and to sign the sandbox's notifications.
public enum WebhookSignature {
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// No `t=` with an integer, or no `v1=` value.
        case malformedHeader
        /// The timestamp is further than the tolerance from now: a replay, or a wrong clock.
        case timestampOutsideTolerance
        /// No `v1` value matches: wrong secret or altered body.
        case signatureMismatch

        public var description: String {
            switch self {
            case .malformedHeader: "en-tête de signature mal formé"
            case .timestampOutsideTolerance: "horodatage de la signature hors tolérance"
            case .signatureMismatch: "signature invalide"
            }
        }
    }

    /// The header value for `payload` signed at `timestamp`.
    public static func sign(payload: Data, secret: String, timestamp: Date) -> String {
        let seconds = Int64(timestamp.timeIntervalSince1970.rounded(.down))
        let code = HMAC<SHA256>.authenticationCode(for: signedPayload(seconds, payload), using: key(secret))
        return "t=\(seconds),v1=\(hex(Data(code)))"
    }

    /// Accepts when the timestamp is within `tolerance` seconds of `now` and any `v1` value is the
    /// HMAC of this body with `secret` (several while a secret is being rolled).
    /// - Returns: the signed timestamp.
    @discardableResult
    public static func verify(payload: Data, header: String, secret: String, tolerance: TimeInterval, now: Date) throws(Failure) -> Date {
        let (seconds, signatures) = try parse(header)
        let signedAt = Date(timeIntervalSince1970: TimeInterval(seconds))
        guard abs(now.timeIntervalSince(signedAt)) <= tolerance else { throw .timestampOutsideTolerance }
        let message = signedPayload(seconds, payload)
        let key = key(secret)
        // HMAC's own check compares in constant time: no byte-by-byte early exit to time.
        let valid = signatures.contains { HMAC<SHA256>.isValidAuthenticationCode($0, authenticating: message, using: key) }
        guard valid else { throw .signatureMismatch }
        return signedAt
    }

    static func parse(_ header: String) throws(Failure) -> (Int64, [Data]) {
        var timestamp: Int64?
        var signatures: [Data] = []
        for item in header.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { continue }
            switch parts[0] {
            case "t": timestamp = Int64(parts[1])
            // Other schemes (v0, the test-mode one) are ignored, as Stripe's libraries do.
            case "v1": if let bytes = unhex(parts[1]) { signatures.append(bytes) }
            default: continue
            }
        }
        guard let timestamp, !signatures.isEmpty else { throw .malformedHeader }
        return (timestamp, signatures)
    }

    private static func signedPayload(_ seconds: Int64, _ payload: Data) -> Data {
        Data("\(seconds).".utf8) + payload
    }

    private static func key(_ secret: String) -> SymmetricKey {
        SymmetricKey(data: Data(secret.utf8))
    }

    static func hex(_ data: Data) -> String {
        data.map { String(format: "%02x", $0) }.joined()
    }

    static func unhex(_ text: String) -> Data? {
        guard text.count.isMultiple(of: 2) else { return nil }
        var bytes = Data(capacity: text.count / 2)
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return bytes
    }
}
