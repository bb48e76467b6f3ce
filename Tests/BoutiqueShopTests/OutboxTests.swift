import BoutiqueCore
import BoutiqueMail
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import Foundation
import Logging
import ServiceLifecycle
import SQLKit
import Synchronization
import Testing

@Suite("Outbox and mailbox")
struct OutboxTests {
    static let logger: Logger = {
        var logger = Logger(label: "test.outbox")
        logger.logLevel = .critical
        return logger
    }()

    static func composer() async throws -> MailComposer {
        try await MailComposer(settings: MailSettings(from: MailAddress("no-reply@boutique.test", name: "Boutique"),
                                                      publicURL: "http://127.0.0.1:8080", shopName: "Boutique"))
    }

    /// Runs one worker until `done` holds, then shuts it down.
    static func runWorker(_ database: BoutiqueDatabase, transport: any MailTransport, until done: @escaping @Sendable () async throws -> Bool) async throws {
        let options = JobWorker.Options(idlePoll: .milliseconds(10), retry: RetryPolicy(base: .milliseconds(50), jitter: 0))
        let worker = JobWorker(queue: JobQueue(database: database), registry: ShopJobs.registry(database: database, mail: transport),
                               options: options, logger: logger)
        let group = ServiceGroup(services: [worker], gracefulShutdownSignals: [], logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let deadline = Date().addingTimeInterval(30)
            while try await !done(), Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    @Test("a composed e-mail has the French layout in HTML and text, with the recipient's name")
    func composing() async throws {
        // act
        let message = try await Self.composer().compose("test", to: MailAddress("marie@alpha.test", name: "Marie Dupont"),
                                                        subject: "Message de test", data: [String: String]())
        // check
        #expect(message.subject == "Message de test")
        #expect(message.to == [MailAddress("marie@alpha.test", name: "Marie Dupont")])
        #expect(message.text.hasPrefix("Bonjour Marie Dupont,"))
        #expect(message.text.contains("Ouvrir la boutique : http://127.0.0.1:8080"))
        #expect(message.text.contains("L'équipe Boutique"))
        #expect(message.html?.contains(#"<html lang="fr">"#) == true)
        #expect(message.html?.contains("<p>Bonjour Marie Dupont,</p>") == true)
        #expect(message.html?.contains("message de test") == true)
    }

    @Test("a queued e-mail reaches the mailbox whole, attachments included", arguments: TestEngine.available)
    func delivery(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let pdf = MailAttachment(filename: "e-Carte été.pdf", contentType: "application/pdf", data: Data("%PDF-1.7 é".utf8))
            var message = try await Self.composer().compose("test", to: MailAddress("paul@beta.test"), subject: "Votre e-Carte « Noël »",
                                                            data: [String: String](), attachments: [pdf])
            message.replyTo = MailAddress("cse@beta.test")
            let mailbox = Mailbox(database: database)
            // act
            try await Outbox.enqueue(message, in: database.tables)
            try await Self.runWorker(database, transport: mailbox) { try await !mailbox.list().isEmpty }
            // check
            let received = try await mailbox.list()
            #expect(received.count == 1)
            #expect(received.first?.message == message)
            #expect(received.first?.message.attachments.first?.data == pdf.data)
        }
    }

    @Test("an e-mail enqueued with a rolled-back change is never sent", arguments: TestEngine.available)
    func rollback(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            struct Abort: Error {}
            let message = MailMessage(from: MailAddress("a@b.test"), to: [MailAddress("c@d.test")], subject: "x", text: "x")
            try? await database.transaction { tables in
                try await Outbox.enqueue(message, in: tables)
                throw Abort()
            }
            let counts = try await JobQueue(database: database).counts()
            #expect(counts.isEmpty)
        }
    }

    @Test("a mail server outage delays e-mails but loses none; a refusal stops at once", arguments: TestEngine.available)
    func outage(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup: a transport down for its first three calls, refusing one address
            let mailbox = Mailbox(database: database)
            let flaky = FlakyTransport(failures: 3, target: mailbox)
            for n in 1...3 {
                try await Outbox.enqueue(MailMessage(from: MailAddress("a@b.test"), to: [MailAddress("user\(n)@b.test")],
                                                     subject: "n° \(n)", text: "corps"), in: database.tables)
            }
            try await Outbox.enqueue(MailMessage(from: MailAddress("a@b.test"), to: [MailAddress("refused@b.test")],
                                                 subject: "refusé", text: "corps"), in: database.tables)
            // act
            try await Self.runWorker(database, transport: flaky) { try await mailbox.list().count == 3 }
            // check
            #expect(try await mailbox.list().map(\.message.subject).sorted() == ["n° 1", "n° 2", "n° 3"])
            let dead = try await JobQueue(database: database).list(states: [.dead])
            #expect(dead.count == 1)
            #expect(dead.first?.lastError?.contains("550") == true)
        }
    }
}

/// A transport that fails with a transient error a number of times, and always refuses
/// `refused@…`, before handing messages to `target`.
final class FlakyTransport: MailTransport {
    private let remaining: Mutex<Int>
    let target: any MailTransport

    init(failures: Int, target: any MailTransport) {
        remaining = Mutex(failures)
        self.target = target
    }

    func send(_ message: MailMessage) async throws {
        if message.to.contains(where: { $0.email.hasPrefix("refused@") }) {
            throw MailDeliveryError(isTransient: false, description: "550 boîte inconnue")
        }
        let fail = remaining.withLock { count -> Bool in
            guard count > 0 else { return false }
            count -= 1
            return true
        }
        if fail { throw MailDeliveryError(isTransient: true, description: "421 service indisponible") }
        try await target.send(message)
    }
}
