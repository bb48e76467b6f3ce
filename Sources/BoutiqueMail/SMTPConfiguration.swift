import Foundation

/// Where and how to reach an SMTP server.
///
/// Credentials are only ever sent over TLS (`.startTLS` or `.tls`). Sending them over a plain
/// connection needs two explicit choices: `security: .none` and `allowsInsecureAuthentication: true`
/// (`allow_insecure_auth=1` in a URL); it exists for local relays on a trusted network.
public struct SMTPConfiguration: Sendable, Equatable {
    /// How the connection is protected.
    public enum Security: Sendable, Equatable {
        /// Plain text all the way; only sensible for a local relay.
        case none
        /// Plain connection upgraded with `STARTTLS` before anything else (port 587); refuses servers
        /// that do not offer it rather than falling back to plain text.
        case startTLS
        /// TLS from the first byte (`smtps`, port 465).
        case tls
    }

    /// The server's host name or IP address.
    public var host: String
    /// The server's TCP port.
    public var port: Int
    /// The user for `AUTH`; no authentication when `nil`.
    public var username: String?
    /// The password for `AUTH`.
    public var password: String?
    /// How the connection is protected.
    public var security: Security
    /// The longest wait for the connection and for each server reply.
    public var timeout: Duration
    /// The name this client gives in `EHLO`/`HELO`.
    public var heloName: String
    /// Trust roots: system default, or a PEM file (tests use a self-signed cert); and whether to verify the certificate at all.
    public var trustedCertificatePEMPath: String?
    /// Whether the server's certificate is checked (chain and host name). Turn off only for tests.
    public var verifyCertificate: Bool
    /// Whether credentials may be sent over a connection without TLS (requires `security == .none`).
    public var allowsInsecureAuthentication: Bool

    /// Creates a configuration; by default plain SMTP on port 25 with a 30-second timeout.
    public init(
        host: String,
        port: Int = 25,
        username: String? = nil,
        password: String? = nil,
        security: Security = .none,
        timeout: Duration = .seconds(30),
        heloName: String = "localhost",
        trustedCertificatePEMPath: String? = nil,
        verifyCertificate: Bool = true,
        allowsInsecureAuthentication: Bool = false
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.security = security
        self.timeout = timeout
        self.heloName = heloName
        self.trustedCertificatePEMPath = trustedCertificatePEMPath
        self.verifyCertificate = verifyCertificate
        self.allowsInsecureAuthentication = allowsInsecureAuthentication
    }
}

/// A configuration URL that cannot be used; the description says what to change.
public struct SMTPConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, without the password.
    public let description: String
}

extension SMTPConfiguration {
    /// `smtp://user:pass@host:587?starttls=1`, `smtps://…:465`, `smtp://host:25`; user/pass percent-decoded; bad URL → throws with a clear message.
    ///
    /// Query options: `starttls=1`, `timeout=SECONDS`, `helo=NAME`, `ca=/path/to/roots.pem`,
    /// `verify=0` (no certificate check), `allow_insecure_auth=1` (credentials over plain `smtp://`).
    /// Default ports: 25 for `smtp`, 587 for `smtp` with `starttls=1`, 465 for `smtps`.
    /// Errors never quote the URL, since it may hold a password.
    public static func parse(_ url: String) throws -> SMTPConfiguration {
        guard let components = URLComponents(string: url) else {
            throw SMTPConfigurationError(description: "SMTP URL is not a valid URL (percent-encode special characters in the user and password)")
        }
        let security = try parseScheme(components.scheme)
        let host = try parseHost(components)
        var configuration = SMTPConfiguration(host: host, security: security)
        try configuration.apply(query: components.queryItems ?? [])
        configuration.port = components.port ?? defaultPort(for: configuration.security)
        guard (1...65535).contains(configuration.port) else {
            throw SMTPConfigurationError(description: "SMTP URL port must be between 1 and 65535")
        }
        try configuration.applyCredentials(components)
        return configuration
    }

    private static func parseScheme(_ scheme: String?) throws -> Security {
        switch scheme?.lowercased() {
        case "smtp": return .none
        case "smtps": return .tls
        default: throw SMTPConfigurationError(description: "SMTP URL must start with smtp:// or smtps://")
        }
    }

    private static func parseHost(_ components: URLComponents) throws -> String {
        guard var host = components.host, !host.isEmpty else {
            throw SMTPConfigurationError(description: "SMTP URL has no host, as in smtp://mail.example.com:587")
        }
        if host.hasPrefix("["), host.hasSuffix("]") {
            host = String(host.dropFirst().dropLast())
        }
        guard components.path.isEmpty || components.path == "/" else {
            throw SMTPConfigurationError(description: "SMTP URL must not have a path after the host and port")
        }
        return host
    }

    private static func defaultPort(for security: Security) -> Int {
        switch security {
        case .none: return 25
        case .startTLS: return 587
        case .tls: return 465
        }
    }

    private mutating func apply(query: [URLQueryItem]) throws {
        for item in query {
            let value = item.value ?? ""
            switch item.name.lowercased() {
            case "starttls":
                guard try Self.parseFlag(value, option: "starttls") else { continue }
                guard security != .tls else {
                    throw SMTPConfigurationError(description: "SMTP URL: starttls=1 cannot be combined with smtps:// (already TLS)")
                }
                security = .startTLS
            case "timeout":
                guard let seconds = Double(value), seconds > 0, seconds <= 3600 else {
                    throw SMTPConfigurationError(description: "SMTP URL: timeout must be a number of seconds between 0 and 3600")
                }
                timeout = .milliseconds(Int64(seconds * 1000))
            case "helo":
                guard !value.isEmpty, value.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
                    throw SMTPConfigurationError(description: "SMTP URL: helo must be a host name")
                }
                heloName = value
            case "ca":
                guard !value.isEmpty else { throw SMTPConfigurationError(description: "SMTP URL: ca must be a PEM file path") }
                trustedCertificatePEMPath = value
            case "verify":
                verifyCertificate = try Self.parseFlag(value, option: "verify")
            case "allow_insecure_auth":
                allowsInsecureAuthentication = try Self.parseFlag(value, option: "allow_insecure_auth")
            default:
                throw SMTPConfigurationError(
                    description: "SMTP URL: unknown option '\(item.name)' (known: starttls, timeout, helo, ca, verify, allow_insecure_auth)"
                )
            }
        }
    }

    private static func parseFlag(_ value: String, option: String) throws -> Bool {
        switch value.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw SMTPConfigurationError(description: "SMTP URL: \(option) must be 1 or 0")
        }
    }

    private mutating func applyCredentials(_ components: URLComponents) throws {
        guard let encodedUser = components.percentEncodedUser, !encodedUser.isEmpty else {
            guard components.percentEncodedPassword == nil else {
                throw SMTPConfigurationError(description: "SMTP URL has a password but no user")
            }
            return
        }
        guard let user = encodedUser.removingPercentEncoding,
              let password = (components.percentEncodedPassword ?? "").removingPercentEncoding
        else {
            throw SMTPConfigurationError(description: "SMTP URL: the user or password has an invalid percent-encoding")
        }
        // Refuse to build a configuration that would leak the password in clear unless asked to.
        guard security != .none || allowsInsecureAuthentication else {
            throw SMTPConfigurationError(
                description: "SMTP URL has credentials but no TLS: use smtps://, add starttls=1, or allow_insecure_auth=1 for a trusted local relay"
            )
        }
        username = user
        self.password = password
    }
}
