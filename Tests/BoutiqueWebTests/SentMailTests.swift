import BoutiqueCore
import BoutiqueMail
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import BoutiqueWeb
import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@Suite("Sent e-mails kept whatever the transport")
struct SentMailTests {
    static var enabled: Bool {
        get async { await SMTPServerProcess.isAvailable || ProcessInfo.processInfo.environment["CI"] == "true" }
    }

    /// Runs the queued jobs as a worker configured with `BOUTIQUE_SMTP_URL` does (`boutique worker`
    /// itself is checked by the e-mail outage test).
    static func deliver(_ database: BoutiqueDatabase, port: Int) async throws {
        let smtp = SMTPTransport(configuration: try SMTPConfiguration.parse("smtp://127.0.0.1:\(port)"), logger: Logger(label: "test.smtp"))
        let transport = KeepingCopyTransport(smtp, copies: Mailbox(database: database))
        let worker = JobWorker(queue: JobQueue(database: database), registry: ShopJobs.registry(database: database, mail: transport),
                               logger: Logger(label: "test.mail"))
        try await worker.drain()
    }

    @Test("with SMTP, every e-mail sent is kept: the operator reads it on the order's page and « Renvoyer » sends it again by SMTP",
          .enabled { await Self.enabled }, arguments: TestEngine.available)
    func smtp(engine: TestEngine) async throws {
        var configuration = WebConfiguration.test
        configuration.sendsMailBySMTP = true
        try await withShop(engine, configuration: configuration) { client, database in
            try await SMTPServerProcess.with(["--reject-recipient", "inconnu@exemple.test"]) { server in
                // setup: an order's e-mails, and one the server refuses
                let order = try await MyCardsPagesTests.activatedOrder(database)
                let composer = try await MailComposer(settings: MailSettings())
                try await database.transaction { tables in
                    _ = try await Outbox.enqueue(try composer.compose("test", to: MailAddress("inconnu@exemple.test"), subject: "Refusé",
                                                                      data: [String: String]()), in: tables)
                }
                let operatorBrowser = TestBrowser(client), visitor = TestBrowser(client)
                _ = try await operatorBrowser.logIn("operateur@demo.test")
                let orderPath = "/admin/commandes/\(try order.requireID())"
                // act
                try await Self.deliver(database, port: server.port)
                let sent = try server.received()
                let kept = try await Mailbox(database: database).list()
                let original = try #require(try await Mailbox(database: database).messages(to: "marie.dupont@demo.test").last)
                let page = try await operatorBrowser.get(orderPath)
                let message = try await operatorBrowser.get("/_dev/mailbox/\(original.id)")
                let list = try await operatorBrowser.get("/_dev/mailbox")
                let resent = try await operatorBrowser.post("/admin/courriels/\(original.id)/renvoyer", ["retour": orderPath])
                try await Self.deliver(database, port: server.port)
                let sentAgain = try server.received()
                let keptAgain = try await Mailbox(database: database).list()
                // check
                #expect(!kept.isEmpty && sent.count == kept.count, "\(sent.count) sent, \(kept.count) kept")
                #expect(sent.contains { $0.contains("Subject: ") && $0.contains("marie.dupont@demo.test") })
                #expect(try await Mailbox(database: database).messages(to: "inconnu@exemple.test").isEmpty)
                #expect(page.text.contains(original.message.subject) && page.text.contains("/admin/courriels/\(original.id)/renvoyer"))
                #expect(message.status == .ok && message.text.contains("Envoyé le") && message.text.contains(original.message.subject))
                #expect(list.text.contains("E-mails envoyés") && list.text.contains("conservée 13 mois"))
                #expect(try await visitor.get("/_dev/mailbox").status == .notFound)
                #expect(resent.headers[.location] == orderPath + "?ok=renvoye")
                #expect(sentAgain.count == sent.count + 1)
                #expect(keptAgain.count == kept.count + 1 && keptAgain.first?.message.text == original.message.text)
                if HTMLValidityTests.tidyAvailable || ProcessInfo.processInfo.environment["CI"] == "true" {
                    #expect(try await HTMLValidityTests.tidyErrors(list.text) == "")
                    #expect(try await HTMLValidityTests.tidyErrors(message.text) == "")
                }
            }
        }
    }

    @Test("the built-in mailbox keeps each message once, and kept e-mails older than 13 months are deleted", arguments: TestEngine.available)
    func mailboxAndRetention(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            _ = try await MyCardsPagesTests.activatedOrder(database)
            try await TestMail(database: database).deliver()
            let mailbox = Mailbox(database: database)
            let kept = try await mailbox.list()
            let old = try #require(kept.last)
            let fourteenMonths = EpochMilliseconds.from(Date().addingTimeInterval(-14 * 31 * 86_400))
            try await database.sql.raw("UPDATE mailbox_messages SET created_at = \(bind: fourteenMonths) WHERE id = \(bind: old.id)").run()
            // act
            let jobs = try await JobQueue(database: database).list(states: [.done]).filter { $0.kind == Outbox.kind }
            let deleted = try await mailbox.prune()
            let page = try await TestBrowser(client).get("/_dev/mailbox")
            // check
            #expect(kept.count == jobs.count)
            #expect(deleted == 1)
            #expect(try await mailbox.message(id: old.id) == nil)
            #expect(try await mailbox.list().count == kept.count - 1)
            #expect(page.status == .ok && page.text.contains("Boîte de réception de démonstration"))
        }
    }
}
