import Foundation
import Logging
import NIOCore
import NIOSSL

/// One SMTP conversation that delivers one message (RFC 5321 §3, RFC 3207 STARTTLS, RFC 4954 AUTH).
struct SMTPSession: Sendable {
    let configuration: SMTPConfiguration
    let tlsContext: NIOSSLContext?
    let group: any EventLoopGroup
    let logger: Logger

    /// Connects, hands over the message and says goodbye; the connection is always closed.
    func deliver(_ content: Data, from sender: String, to recipients: [String]) async throws {
        let implicitTLS = try configuration.security == .tls ? tlsParameters() : nil
        let client = try await SMTPClient.connect(
            host: configuration.host,
            port: configuration.port,
            timeout: TimeAmount(configuration.timeout),
            tls: implicitTLS,
            group: group,
            logger: logger
        )
        do {
            try await converse(client, content: content, from: sender, to: recipients)
        } catch let error as MailDeliveryError {
            // The server refused something but is still listening: leave politely.
            _ = try? await client.send("QUIT")
            await client.close()
            throw error
        } catch {
            await client.close()
            throw error
        }
        await client.close()
    }

    private func converse(_ client: SMTPClient, content: Data, from sender: String, to recipients: [String]) async throws {
        try Self.expect(await client.readReply(), during: "greeting", codes: [220])
        var capabilities = try await hello(client)
        var isEncrypted = configuration.security == .tls
        if configuration.security == .startTLS {
            capabilities = try await startTLS(client, offered: capabilities)
            isEncrypted = true
        }
        if let username = configuration.username {
            try await authenticate(client, username: username, capabilities: capabilities, isEncrypted: isEncrypted)
        }
        try await transfer(client, content: content, from: sender, to: recipients, capabilities: capabilities)
        // The message is accepted; a failed QUIT changes nothing for the sender.
        _ = try? await client.send("QUIT")
    }

    /// EHLO, or HELO when the server refuses EHLO (an RFC 821-only server).
    private func hello(_ client: SMTPClient) async throws -> SMTPCapabilities {
        let reply = try await client.send("EHLO \(configuration.heloName)")
        if reply.isPositiveCompletion { return SMTPCapabilities(ehloReply: reply) }
        guard (500..<600).contains(reply.code) else { throw Self.refusal(reply, during: "EHLO") }
        try Self.expect(await client.send("HELO \(configuration.heloName)"), during: "HELO", codes: [250])
        return SMTPCapabilities()
    }

    private func startTLS(_ client: SMTPClient, offered: SMTPCapabilities) async throws -> SMTPCapabilities {
        // Never fall back to plain text: an attacker could strip STARTTLS from the EHLO reply.
        guard offered.keywords.contains("STARTTLS") else {
            throw MailDeliveryError(isTransient: false, description: "SMTP server does not offer STARTTLS, which the configuration requires")
        }
        try Self.expect(await client.send("STARTTLS"), during: "STARTTLS", codes: [220])
        let tls = try tlsParameters()
        try await client.startTLS(context: tls.context, serverHostname: tls.serverHostname)
        // RFC 3207: everything learnt before TLS is forgotten.
        return try await hello(client)
    }

    private func authenticate(
        _ client: SMTPClient, username: String, capabilities: SMTPCapabilities, isEncrypted: Bool
    ) async throws {
        guard isEncrypted || (configuration.security == .none && configuration.allowsInsecureAuthentication) else {
            throw MailDeliveryError(
                isTransient: false,
                description: "refusing to send SMTP credentials without TLS (use STARTTLS or TLS, or allow insecure authentication explicitly)"
            )
        }
        let password = configuration.password ?? ""
        if capabilities.authMechanisms.contains("PLAIN") {
            try await authenticatePlain(client, username: username, password: password)
        } else if capabilities.authMechanisms.contains("LOGIN") {
            try await authenticateLogin(client, username: username, password: password)
        } else {
            let offered = capabilities.authMechanisms.sorted().joined(separator: " ")
            throw MailDeliveryError(
                isTransient: false,
                description: "SMTP server offers no supported AUTH mechanism (PLAIN, LOGIN); it offers: \(offered.isEmpty ? "none" : offered)"
            )
        }
    }

    private func authenticatePlain(_ client: SMTPClient, username: String, password: String) async throws {
        let token = Data("\0\(username)\0\(password)".utf8).base64EncodedString()
        var reply = try await client.send("AUTH PLAIN \(token)", logAs: "AUTH PLAIN <credentials>")
        // Some servers ignore the initial response and ask for it (RFC 4954 §4).
        if reply.code == 334 {
            reply = try await client.send(token, logAs: "<credentials>")
        }
        try Self.expect(reply, during: "AUTH PLAIN", codes: [235])
    }

    private func authenticateLogin(_ client: SMTPClient, username: String, password: String) async throws {
        try Self.expect(await client.send("AUTH LOGIN"), during: "AUTH LOGIN", codes: [334])
        let user = Data(username.utf8).base64EncodedString()
        try Self.expect(await client.send(user, logAs: "<username>"), during: "AUTH LOGIN", codes: [334])
        let secret = Data(password.utf8).base64EncodedString()
        try Self.expect(await client.send(secret, logAs: "<password>"), during: "AUTH LOGIN", codes: [235])
    }

    private func transfer(
        _ client: SMTPClient, content: Data, from sender: String, to recipients: [String], capabilities: SMTPCapabilities
    ) async throws {
        var mailFrom = "MAIL FROM:<\(sender)>"
        if let limit = capabilities.maxMessageSize {
            guard content.count <= limit else {
                throw MailDeliveryError(isTransient: false, description: "message of \(content.count) bytes exceeds the server's limit of \(limit)")
            }
            mailFrom += " SIZE=\(content.count)"
        }
        try Self.expect(await client.send(mailFrom), during: "MAIL FROM", codes: [250])
        for recipient in recipients {
            try Self.expect(await client.send("RCPT TO:<\(recipient)>"), during: "RCPT TO", codes: [250, 251])
        }
        try Self.expect(await client.send("DATA"), during: "DATA", codes: [354])
        var payload = client.channel.allocator.buffer(capacity: content.count + 64)
        SMTPDataEncoder.encode(content, into: &payload)
        try Self.expect(await client.sendData(payload), during: "message content", codes: [250])
    }

    private func tlsParameters() throws -> (context: NIOSSLContext, serverHostname: String?) {
        guard let tlsContext else {
            throw MailDeliveryError(isTransient: false, description: "TLS is not configured")
        }
        // SNI and name checks take a DNS name; for an IP literal NIOSSL checks the IP SAN instead.
        let isIPAddress = (try? SocketAddress(ipAddress: configuration.host, port: 0)) != nil
        return (tlsContext, isIPAddress ? nil : configuration.host)
    }

    private static func expect(_ reply: SMTPReply, during step: String, codes: Set<Int>) throws {
        guard codes.contains(reply.code) else { throw refusal(reply, during: step) }
    }

    /// 5xx is final; 4xx, and any reply that makes no sense at this step, may clear up later.
    private static func refusal(_ reply: SMTPReply, during step: String) -> MailDeliveryError {
        MailDeliveryError(
            isTransient: !(500..<600).contains(reply.code),
            description: "SMTP server refused \(step): \(reply)",
            replyCode: reply.code
        )
    }
}
