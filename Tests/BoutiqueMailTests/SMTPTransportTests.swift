import BoutiqueCore
import Foundation
import Logging
import Testing

@testable import BoutiqueMail

/// End-to-end tests against a real SMTP server (aiosmtpd) on 127.0.0.1.
@Suite(.enabled("needs python3 with aiosmtpd (pip install aiosmtpd) and openssl; CI=true makes their absence a failure") {
    await SMTPTestTools.shouldRun()
})
struct SMTPTransportTests {
    static let logger: Logger = {
        var logger = Logger(label: "boutique.mail.tests")
        logger.logLevel = ProcessInfo.processInfo.environment["SMTP_TEST_DEBUG"] == nil ? .critical : .debug
        return logger
    }()

    static func transport(_ configuration: SMTPConfiguration) -> SMTPTransport {
        SMTPTransport(configuration: configuration, logger: logger)
    }

    static func plainConfiguration(port: Int) -> SMTPConfiguration {
        SMTPConfiguration(host: "127.0.0.1", port: port, timeout: .seconds(5))
    }

    static func simpleMessage(to recipient: String = "salarie@cse-exemple.fr") -> MailMessage {
        MailMessage(
            from: MailAddress("boutique@cse-exemple.fr", name: "Boutique"),
            to: [MailAddress(recipient)],
            subject: "Votre commande",
            text: "Bonjour"
        )
    }

    /// Sends and returns the `MailDeliveryError` it must throw.
    static func deliveryError(_ transport: SMTPTransport, _ message: MailMessage) async -> MailDeliveryError? {
        do {
            try await transport.send(message)
            return nil
        } catch {
            return error as? MailDeliveryError
        }
    }

    @Test func deliversAccentedMessageWithHTMLAndPDFExactly() async throws {
        // setup
        let pdf = Data("%PDF-1.4\n%\u{E2}\u{E3}\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n".utf8) + Data((0...255).map { UInt8($0) })
        let text = "Bonjour Zoé,\n\nVotre carte « Noël » de 50 € est prête : à dépenser chez ça et là.\n.hello\n.\n" + String(repeating: "long ligne é ", count: 120) + "\nFin."
        let html = "<p>Bonjour Zoé,</p>\r\n<p>Votre carte « Noël » de 50 € est prête.</p>\n<p>ça, là</p>"
        let message = MailMessage(
            from: MailAddress("boutique@cse-exemple.fr", name: "Boutique du CSE Élysée"),
            to: [MailAddress("zoe@cse-exemple.fr", name: "Zoé Dupré"), MailAddress("compta@cse-exemple.fr")],
            replyTo: MailAddress("contact@cse-exemple.fr", name: "Dupont, Jean"),
            subject: "Votre e-carte « Noël » est prête — 50 € à dépenser, ça c'est fait !",
            text: text,
            html: html,
            attachments: [MailAttachment(filename: "e-carte-Noël.pdf", contentType: "application/pdf", data: pdf)]
        )
        try await SMTPTestServer.with { server in
            // act
            try await Self.transport(Self.plainConfiguration(port: server.port)).send(message)

            // check
            let received = try server.receivedMessages()
            try #require(received.count == 1)
            #expect(received[0].envelope.from == "boutique@cse-exemple.fr")
            #expect(received[0].envelope.to == ["zoe@cse-exemple.fr", "compta@cse-exemple.fr"])
            let parsed = try await ParsedMail.parse(file: received[0].path)
            #expect(parsed.defects.isEmpty)
            #expect(parsed.subject == message.subject)
            #expect(parsed.from == "Boutique du CSE Élysée <boutique@cse-exemple.fr>")
            #expect(parsed.to == "Zoé Dupré <zoe@cse-exemple.fr>, compta@cse-exemple.fr")
            #expect(parsed.replyTo == "\"Dupont, Jean\" <contact@cse-exemple.fr>")
            #expect(parsed.contentType == "multipart/mixed")
            #expect(parsed.text.map(Self.lineFeeds) == Self.lineFeeds(text))
            #expect(parsed.html.map(Self.lineFeeds) == Self.lineFeeds(html))
            try #require(parsed.attachments.count == 1)
            #expect(parsed.attachments[0].filename == "e-carte-Noël.pdf")
            #expect(parsed.attachments[0].contentType == "application/pdf")
            #expect(parsed.attachments[0].data == pdf)
            #expect(parsed.longestLine <= 78)
            #expect(!parsed.hasBareLineFeed)
            #expect(parsed.isASCII)
        }
    }

    /// Python hands text back with LF line ends; the tests compare line by line.
    static func lineFeeds(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n")
    }

    @Test func startTLSWithSelfSignedCertificateAndAuthPlain() async throws {
        // setup
        let certificate = try await TestCertificate.make()
        try await SMTPTestServer.with(certificate.serverOptions + ["--auth", "boutique:s3cr&t:é"]) { server in
            var configuration = Self.plainConfiguration(port: server.port)
            configuration.security = .startTLS
            configuration.trustedCertificatePEMPath = certificate.certificatePath
            configuration.username = "boutique"
            configuration.password = "s3cr&t:é"

            // act
            try await Self.transport(configuration).send(Self.simpleMessage())

            // check
            let received = try server.receivedMessages()
            #expect(received.count == 1)
            #expect(received.first?.envelope.to == ["salarie@cse-exemple.fr"])
        }
    }

    @Test func authLoginWhenTheServerOffersOnlyLogin() async throws {
        // setup
        let certificate = try await TestCertificate.make()
        let options = certificate.serverOptions + ["--auth", "boutique:secret", "--auth-mechanisms", "LOGIN"]
        try await SMTPTestServer.with(options) { server in
            var configuration = Self.plainConfiguration(port: server.port)
            configuration.security = .startTLS
            configuration.trustedCertificatePEMPath = certificate.certificatePath
            configuration.username = "boutique"
            configuration.password = "secret"

            // act
            try await Self.transport(configuration).send(Self.simpleMessage())

            // check
            #expect(try server.receivedMessages().count == 1)
        }
    }

    @Test func implicitTLSAsWithSmtps() async throws {
        // setup
        let certificate = try await TestCertificate.make()
        try await SMTPTestServer.with(certificate.serverOptions + ["--implicit-tls", "--auth", "boutique:secret"]) { server in
            var configuration = try SMTPConfiguration.parse(
                "smtps://boutique:secret@127.0.0.1:\(server.port)?timeout=5&ca=\(certificate.certificatePath)"
            )
            configuration.heloName = "boutique.test"

            // act
            try await Self.transport(configuration).send(Self.simpleMessage())

            // check
            #expect(try server.receivedMessages().count == 1)
        }
    }

    @Test func logsNeverHoldThePasswordNorTheBody() async throws {
        // setup
        let certificate = try await TestCertificate.make()
        let (logger, logs) = RecordingLogHandler.logger()
        let body = "Code secret de la carte : 4242-SECRET-BODY"
        var message = Self.simpleMessage()
        message.text = body
        try await SMTPTestServer.with(certificate.serverOptions + ["--auth", "boutique:Pa55-w0rd"]) { server in
            var configuration = Self.plainConfiguration(port: server.port)
            configuration.security = .startTLS
            configuration.trustedCertificatePEMPath = certificate.certificatePath
            configuration.username = "boutique"
            configuration.password = "Pa55-w0rd"
            let credentials = ["Pa55-w0rd", "wrong-Pa55"].map { Data("\0boutique\0\($0)".utf8).base64EncodedString() }

            // act
            try await SMTPTransport(configuration: configuration, logger: logger).send(message)
            configuration.password = "wrong-Pa55"
            _ = await Self.deliveryError(SMTPTransport(configuration: configuration, logger: logger), message)

            // check
            let lines = logs.lines
            #expect(lines.contains { $0.contains("AUTH PLAIN <credentials>") })
            #expect(lines.contains { $0.contains("SMTP message accepted") && $0.contains("mail.recipients=1") })
            for secret in ["Pa55-w0rd", "wrong-Pa55", "4242-SECRET-BODY"] + credentials {
                #expect(!lines.contains { $0.contains(secret) }, "log reveals \(secret)")
            }
        }
    }

    @Test func wrongPasswordIsPermanent() async throws {
        // setup
        let certificate = try await TestCertificate.make()
        try await SMTPTestServer.with(certificate.serverOptions + ["--auth", "boutique:secret"]) { server in
            var configuration = Self.plainConfiguration(port: server.port)
            configuration.security = .startTLS
            configuration.trustedCertificatePEMPath = certificate.certificatePath
            configuration.username = "boutique"
            configuration.password = "wrong-password"

            // act
            let error = await Self.deliveryError(Self.transport(configuration), Self.simpleMessage())

            // check
            let failure = try #require(error)
            #expect(!failure.isTransient)
            #expect(failure.replyCode == 535)
            #expect(!failure.description.contains("wrong-password"))
            #expect(try server.receivedMessages().isEmpty)
        }
    }

    @Test func untrustedCertificateIsRefused() async throws {
        // setup
        let certificate = try await TestCertificate.make()
        try await SMTPTestServer.with(certificate.serverOptions) { server in
            var configuration = Self.plainConfiguration(port: server.port)
            configuration.security = .startTLS  // system roots only: the self-signed certificate is unknown

            // act
            let error = await Self.deliveryError(Self.transport(configuration), Self.simpleMessage())

            // check
            let failure = try #require(error)
            #expect(!failure.isTransient)
            #expect(failure.description.contains("TLS"))
            #expect(try server.receivedMessages().isEmpty)
        }
    }

    @Test func startTLSRequiredButNotOfferedIsRefused() async throws {
        try await SMTPTestServer.with { server in
            // setup
            var configuration = Self.plainConfiguration(port: server.port)
            configuration.security = .startTLS

            // act
            let error = await Self.deliveryError(Self.transport(configuration), Self.simpleMessage())

            // check
            let failure = try #require(error)
            #expect(!failure.isTransient)
            #expect(failure.description.contains("STARTTLS"))
            #expect(try server.receivedMessages().isEmpty)
        }
    }

    @Test func credentialsAreNeverSentInClearUnlessAllowed() async throws {
        try await SMTPTestServer.with(["--auth", "boutique:secret"]) { server in
            // setup
            var configuration = Self.plainConfiguration(port: server.port)
            configuration.username = "boutique"
            configuration.password = "secret"

            // act
            let refused = await Self.deliveryError(Self.transport(configuration), Self.simpleMessage())
            configuration.allowsInsecureAuthentication = true
            try await Self.transport(configuration).send(Self.simpleMessage())

            // check
            let failure = try #require(refused)
            #expect(!failure.isTransient)
            #expect(failure.description.contains("without TLS"))
            #expect(try server.receivedMessages().count == 1)
        }
    }

    @Test func temporaryFailureIsTransientAndRetryWorks() async throws {
        try await SMTPTestServer.with(["--fail-next", "1"]) { server in
            // setup
            let transport = Self.transport(Self.plainConfiguration(port: server.port))

            // act
            let error = await Self.deliveryError(transport, Self.simpleMessage())
            try await transport.send(Self.simpleMessage())

            // check
            let failure = try #require(error)
            #expect(failure.isTransient)
            #expect(failure.replyCode == 451)
            #expect(try server.receivedMessages().count == 1)
        }
    }

    @Test func rejectedRecipientIsPermanent() async throws {
        try await SMTPTestServer.with(["--reject-recipient", "inconnu@cse-exemple.fr"]) { server in
            // setup
            var message = Self.simpleMessage()
            message.to.append(MailAddress("inconnu@cse-exemple.fr"))

            // act
            let error = await Self.deliveryError(Self.transport(Self.plainConfiguration(port: server.port)), message)

            // check
            let failure = try #require(error)
            #expect(!failure.isTransient)
            #expect(failure.replyCode == 550)
            #expect(try server.receivedMessages().isEmpty)
        }
    }

    @Test func nothingListeningIsTransient() async throws {
        // setup
        let configuration = Self.plainConfiguration(port: 1)  // privileged port, nothing listens there

        // act
        let error = await Self.deliveryError(Self.transport(configuration), Self.simpleMessage())

        // check
        let failure = try #require(error)
        #expect(failure.isTransient)
    }

    @Test func silentServerTimesOutAsTransient() async throws {
        // setup: a socket that accepts connections (kernel backlog) but never says anything
        let silent = try await SMTPTestServer.start([
            "python3", "-c",
            "import socket,sys\ns=socket.socket()\ns.bind(('127.0.0.1',0))\ns.listen(8)\nprint(s.getsockname()[1],flush=True)\nsys.stdin.read()",
        ])
        var configuration = Self.plainConfiguration(port: silent.port)
        configuration.timeout = .milliseconds(300)
        let started = ContinuousClock.now

        // act
        let error = await Self.deliveryError(Self.transport(configuration), Self.simpleMessage())
        await silent.stop()

        // check
        let failure = try #require(error)
        #expect(failure.isTransient)
        #expect(failure.description.contains("no reply"))
        // Not a timing assertion: only that the client gives up instead of waiting forever.
        #expect(ContinuousClock.now - started < .seconds(60))
    }

    @Test func fallsBackToHELOWhenEHLOIsRefused() async throws {
        try await SMTPTestServer.with(["--no-ehlo"]) { server in
            // act
            try await Self.transport(Self.plainConfiguration(port: server.port)).send(Self.simpleMessage())

            // check
            #expect(try server.receivedMessages().count == 1)
        }
    }

    @Test func invalidAddressIsRefusedBeforeConnecting() async throws {
        // setup
        let message = Self.simpleMessage(to: "victime@exemple.fr>\r\nRCPT TO:<autre@exemple.fr")

        // act
        let error = await Self.deliveryError(Self.transport(Self.plainConfiguration(port: 1)), message)

        // check
        let failure = try #require(error)
        #expect(!failure.isTransient)
        #expect(failure.description.contains("invalid e-mail address"))
    }
}
