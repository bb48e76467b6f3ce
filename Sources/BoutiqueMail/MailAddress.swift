/// An e-mail address with an optional display name, such as `Jean Dupont <jean@example.fr>`.
///
/// The address itself must be ASCII (this client does not speak SMTPUTF8); the display name may
/// hold any Unicode text and is encoded for the headers by ``MIMEWriter``.
public struct MailAddress: Sendable, Codable, Hashable {
    /// The bare address, `local@domain`, without angle brackets.
    public var email: String
    /// The display name shown by mail clients, if any.
    public var name: String?

    /// Creates an address; `name` is the optional display name.
    public init(_ email: String, name: String? = nil) {
        self.email = email
        self.name = name
    }
}

extension MailAddress {
    /// Whether the address can travel in an SMTP envelope and a header as it is: ASCII, one `@`
    /// with text on both sides, and none of the characters that would break a command line or a
    /// header (controls, spaces, angle brackets).
    var isDeliverable: Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        return email.unicodeScalars.allSatisfy { scalar in
            scalar.value > 0x20 && scalar.value < 0x7F && !"<>()[],;:\\\"".unicodeScalars.contains(scalar)
        }
    }
}
