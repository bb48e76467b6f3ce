import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// Delivers messages to an SMTP server (a relay or submission server), one connection per message.
///
/// Session: greeting, EHLO (HELO if refused), STARTTLS then EHLO again when configured, AUTH PLAIN
/// or LOGIN when credentials are set, MAIL FROM, RCPT TO for each recipient, DATA, QUIT.
/// Every recipient must be accepted or nothing is sent, so an outbox can simply retry the whole
/// message. Failures are thrown as ``MailDeliveryError``. Logs hold sizes, counts and server
/// replies, never the password nor the content.
public struct SMTPTransport: MailTransport {
    /// Where and how this transport connects.
    public let configuration: SMTPConfiguration
    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger
    /// Built once, since loading trust roots is costly; `nil` without TLS.
    private let tlsContext: Result<NIOSSLContext, MailDeliveryError>?

    /// Creates a transport; nothing connects until ``send(_:)``.
    public init(
        configuration: SMTPConfiguration,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger
    ) {
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
        self.tlsContext = Self.makeTLSContext(configuration)
    }

    /// Sends or throws; a `MailDeliveryError` says whether retrying can help.
    public func send(_ message: MailMessage) async throws {
        try Self.validate(message, heloName: configuration.heloName)
        let domain = message.from.email.split(separator: "@").last.map(String.init) ?? ""
        let messageID = MIMEWriter.makeMessageID(domain: domain)
        let content = MIMEWriter.render(message, date: Date(), messageID: messageID)
        var logger = self.logger
        logger[metadataKey: "smtp.server"] = "\(configuration.host):\(configuration.port)"
        logger[metadataKey: "mail.message_id"] = "\(messageID)"
        logger[metadataKey: "mail.recipients"] = "\(message.to.count)"
        logger[metadataKey: "mail.bytes"] = "\(content.count)"
        do {
            let session = SMTPSession(
                configuration: configuration, tlsContext: try tlsContext?.get(), group: eventLoopGroup, logger: logger
            )
            try await session.deliver(content, from: message.from.email, to: message.to.map(\.email))
            logger.info("SMTP message accepted")
        } catch {
            let failure = Self.classify(error, configuration: configuration)
            logger.warning("SMTP delivery failed", metadata: ["error": "\(failure)", "transient": "\(failure.isTransient)"])
            throw failure
        }
    }

    private static func makeTLSContext(_ configuration: SMTPConfiguration) -> Result<NIOSSLContext, MailDeliveryError>? {
        guard configuration.security != .none else { return nil }
        var tls = TLSConfiguration.makeClientConfiguration()
        if let path = configuration.trustedCertificatePEMPath { tls.trustRoots = .file(path) }
        if !configuration.verifyCertificate { tls.certificateVerification = .none }
        do {
            return .success(try NIOSSLContext(configuration: tls))
        } catch {
            return .failure(MailDeliveryError(isTransient: false, description: "cannot set up TLS for SMTP: \(error)"))
        }
    }

    /// Refuses what would be rejected anyway, or could inject SMTP commands or headers.
    private static func validate(_ message: MailMessage, heloName: String) throws {
        guard !message.to.isEmpty else {
            throw MailDeliveryError(isTransient: false, description: "message has no recipient")
        }
        for address in [message.from] + message.to + (message.replyTo.map { [$0] } ?? []) where !address.isDeliverable {
            throw MailDeliveryError(isTransient: false, description: "invalid e-mail address '\(address.email)'")
        }
        guard !heloName.isEmpty, heloName.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw MailDeliveryError(isTransient: false, description: "invalid HELO name in the SMTP configuration")
        }
    }

    /// Maps any failure to a ``MailDeliveryError``: what a person must fix is permanent, what may
    /// heal by itself (network, time-outs, a server going away) is transient.
    static func classify(_ error: any Error, configuration: SMTPConfiguration) -> MailDeliveryError {
        let server = "\(configuration.host):\(configuration.port)"
        switch error {
        case let error as MailDeliveryError:
            return error
        case let error as SMTPConnectionError:
            return MailDeliveryError(isTransient: true, description: "SMTP server \(server): \(error)")
        case let error as SMTPProtocolError:
            return MailDeliveryError(isTransient: true, description: "SMTP server \(server): \(error)")
        case NIOSSLError.uncleanShutdown:
            return MailDeliveryError(isTransient: true, description: "SMTP server \(server) closed the TLS connection")
        case is NIOSSLError, is NIOSSLExtraError:
            return MailDeliveryError(isTransient: false, description: "TLS with SMTP server \(server) failed: \(error)")
        default:
            return MailDeliveryError(isTransient: true, description: "cannot reach SMTP server \(server): \(error)")
        }
    }
}
