import BoutiqueCore
import BoutiqueMail
import BoutiqueShop
import BoutiqueTestSupport
import BoutiqueWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Demo mailbox page")
struct MailboxPageTests {
    static let message = MailMessage(
        from: MailAddress("no-reply@boutique.test", name: "Boutique"),
        to: [MailAddress("marie.dupont@demo.test", name: "Marie Dupont")],
        subject: "Validez votre compte « Alpha »",
        text: "Bonjour,\nCliquez ici : http://127.0.0.1:8080/compte/verifier?jeton=abc\n<b>pas du HTML</b>",
        html: "<p>Bonjour, <a href=\"http://127.0.0.1:8080/compte/verifier?jeton=abc\">valider</a></p>",
        attachments: [MailAttachment(filename: "e-Carte été.pdf", contentType: "application/pdf", data: Data("%PDF-1.7\n%âãÏÓ".utf8))])

    @Test("the mailbox lists the messages, shows each with clickable links, and serves its attachments",
          arguments: TestEngine.available)
    func browse(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            try await Mailbox(database: database).send(Self.message)
            let id = try #require(try await Mailbox(database: database).list().first?.id)
            // act / check
            try await client.execute(uri: "/_dev/mailbox", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("marie.dupont@demo.test"))
                #expect(response.text.contains("Validez votre compte « Alpha »"))
                #expect(response.text.contains("href=\"/_dev/mailbox/\(id)\""))
            }
            try await client.execute(uri: "/_dev/mailbox/\(id)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains(#"<a href="http://127.0.0.1:8080/compte/verifier?jeton=abc">"#))
                #expect(response.text.contains("&lt;b&gt;pas du HTML&lt;/b&gt;"))
                #expect(response.text.contains("Marie Dupont &lt;marie.dupont@demo.test&gt;"))
                #expect(response.text.contains("/_dev/mailbox/\(id)/attachments/0"))
            }
            try await client.execute(uri: "/_dev/mailbox/\(id)/html", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("valider</a>"))
                #expect(response.headers[.contentSecurityPolicy]?.hasPrefix("sandbox") == true)
            }
            try await client.execute(uri: "/_dev/mailbox/\(id)/attachments/0", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Data(buffer: response.body) == Self.message.attachments[0].data)
                #expect(response.headers[.contentType] == "application/pdf")
                #expect(response.headers[.contentDisposition]?.contains("filename*=UTF-8''e-Carte%20%C3%A9t%C3%A9.pdf") == true)
            }
        }
    }

    @Test("unknown or malformed message ids and attachment numbers are 404", arguments: [TestEngine.sqlite])
    func notFound(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            try await Mailbox(database: database).send(Self.message)
            let id = try #require(try await Mailbox(database: database).list().first?.id)
            for uri in ["/_dev/mailbox/999999", "/_dev/mailbox/abc", "/_dev/mailbox/\(id)/attachments/1",
                        "/_dev/mailbox/\(id)/attachments/-1", "/_dev/mailbox/\(id)/attachments/x"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound, "\(uri)")
                }
            }
        }
    }

    @Test("outside demo mode the mailbox exists for operators only", arguments: [TestEngine.sqlite])
    func productionHidesIt(engine: TestEngine) async throws {
        try await withShop(engine, configuration: WebConfiguration(isDemo: false, bcryptCost: 4)) { client, database in
            try await Mailbox(database: database).send(Self.message)
            let visitor = TestBrowser(client), employee = TestBrowser(client), operatorBrowser = TestBrowser(client)
            _ = try await employee.logIn("marie.dupont@demo.test")
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            #expect(try await visitor.get("/_dev/mailbox").status == .notFound)
            #expect(try await employee.get("/_dev/mailbox").status == .notFound)
            let page = try await operatorBrowser.get("/_dev/mailbox")
            #expect(page.status == .ok && page.text.contains("Validez votre compte"))
        }
    }
}
