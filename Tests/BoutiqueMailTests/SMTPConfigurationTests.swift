import BoutiqueCore
import Testing

@testable import BoutiqueMail

struct SMTPConfigurationTests {
    @Test func submissionWithStartTLSAndPercentEncodedPassword() throws {
        // act
        let configuration = try SMTPConfiguration.parse("smtp://boutique%40cse.fr:p%40ss%3Aw%2Frd%20%C3%A9@mail.example.fr:587?starttls=1")

        // check
        #expect(configuration == SMTPConfiguration(
            host: "mail.example.fr", port: 587, username: "boutique@cse.fr", password: "p@ss:w/rd é", security: .startTLS
        ))
    }

    @Test func defaultPortsFollowTheSecurity() throws {
        // act
        let smtps = try SMTPConfiguration.parse("smtps://u:p@mail.example.fr")
        let submission = try SMTPConfiguration.parse("smtp://mail.example.fr?starttls=true")
        let relay = try SMTPConfiguration.parse("SMTP://127.0.0.1")

        // check
        #expect(smtps.security == .tls && smtps.port == 465 && smtps.username == "u" && smtps.password == "p")
        #expect(submission.security == .startTLS && submission.port == 587)
        #expect(relay.security == SMTPConfiguration.Security.none && relay.port == 25 && relay.username == nil)
    }

    @Test func optionsAreApplied() throws {
        // act
        let configuration = try SMTPConfiguration.parse(
            "smtp://relay:secret@[::1]:2525?allow_insecure_auth=1&timeout=2.5&helo=shop.example.fr&verify=0&ca=/etc/ca.pem"
        )

        // check
        #expect(configuration.host == "::1")
        #expect(configuration.port == 2525)
        #expect(configuration.timeout == .milliseconds(2500))
        #expect(configuration.heloName == "shop.example.fr")
        #expect(!configuration.verifyCertificate)
        #expect(configuration.trustedCertificatePEMPath == "/etc/ca.pem")
        #expect(configuration.allowsInsecureAuthentication)
        #expect(configuration.password == "secret")
    }

    @Test(arguments: [
        ("http://mail.example.fr", "smtp:// or smtps://"),
        ("mail.example.fr:25", "smtp:// or smtps://"),
        ("smtp://", "no host"),
        ("smtp://mail.example.fr:99999", "port"),
        ("smtp://mail.example.fr/inbox", "path"),
        ("smtp://mail.example.fr?starttls=maybe", "starttls must be 1 or 0"),
        ("smtp://mail.example.fr?tls=1", "unknown option 'tls'"),
        ("smtps://mail.example.fr?starttls=1", "cannot be combined"),
        ("smtp://user:secret@mail.example.fr", "credentials but no TLS"),
        ("smtp://mail.example.fr?timeout=-1", "timeout"),
        ("smtp://:secret@mail.example.fr?starttls=1", "password but no user"),
    ])
    func badURLsAreRefusedClearly(url: String, expected: String) {
        // act
        let error = #expect(throws: SMTPConfigurationError.self) { try SMTPConfiguration.parse(url) }

        // check
        #expect(error?.description.contains(expected) == true, "\(error?.description ?? "nil")")
        #expect(error?.description.contains("secret") == false)
    }
}
