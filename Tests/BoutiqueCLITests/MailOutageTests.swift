import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import Foundation
import Testing

/// An SMTP outage across a restart, with the real binary and a real SMTP server (aiosmtpd).
@Suite("E-mail outage", .serialized)
struct MailOutageTests {
    static func hasSMTPServer() async -> Bool {
        let status = try? await Blocking.run {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", "import aiosmtpd"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
        return status == 0
    }

    static var scriptPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/smtp-test-server.py").path
    }

    /// Runs `body` while the test SMTP server listens on `port`, then kills the server and waits
    /// for its exit, whether `body` throws or not.
    static func withSMTPServer<T>(port: Int, outbox: String, _ body: () async throws -> T) async throws -> T {
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["python3", scriptPath, "--port", "\(port)", "--outdir", outbox]
        server.standardOutput = Pipe()
        server.standardError = FileHandle.nullDevice
        try server.run()
        // SIGKILL: a test server has nothing to save, and a SIGTERM can stay unanswered while its
        // event loop is busy, leaving the process behind.
        let stop: @Sendable () -> Void = { if server.isRunning { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() } }
        do {
            let result = try await body()
            try await Blocking.run(stop)
            return result
        } catch {
            try? await Blocking.run(stop)
            throw error
        }
    }

    @Test("mail queued while the SMTP server is down is delivered once it is back, across a restart of the worker",
          .enabled { await hasSMTPServer() || ProcessInfo.processInfo.environment["CI"] == "true" })
    func outageAndRestart() async throws {
        // setup: no SMTP server on the configured port yet
        let folder = try TemporaryFolder()
        let port = try FreePort.pick()
        let environment = ["BOUTIQUE_DATA_DIR": folder.path, "BOUTIQUE_SMTP_URL": "smtp://127.0.0.1:\(port)",
                           "BOUTIQUE_LOG_LEVEL": "error", "BOUTIQUE_MAIL_FROM": "boutique@demo.test"]
        let queued = try BoutiqueProcess.start(["mail", "test", "--to", "lea@exemple.test"], environment: environment)
        #expect(try await queued.wait(timeout: 60) == 0, "\(queued.standardError)")
        let database = try await BoutiqueDatabase.open(.sqliteFile(path: folder.path + "/boutique.sqlite"), logger: .init(label: "test"))
        let queue = JobQueue(database: database)
        // act 1: a worker tries during the outage, then is stopped
        let first = try BoutiqueProcess.start(["worker"], environment: environment)
        defer { first.kill() }
        var attempts = 0
        let deadline = Date().addingTimeInterval(60)
        while attempts == 0, Date() < deadline {
            try await Task.sleep(for: .milliseconds(200))
            attempts = try await queue.list(states: [.pending]).first?.attempts ?? 0
        }
        first.terminate()
        #expect(try await first.wait(timeout: 30) == 0)
        let afterOutage = try await queue.list(states: [.pending])
        // act 2: the server comes back, a new worker starts
        let outbox = folder.path + "/received"
        try FileManager.default.createDirectory(atPath: outbox, withIntermediateDirectories: true)
        let received = try await Self.withSMTPServer(port: port, outbox: outbox) {
            let second = try BoutiqueProcess.start(["worker"], environment: environment)
            defer { second.kill() }
            var received: [String] = []
            let deliveryDeadline = Date().addingTimeInterval(60)
            while received.isEmpty, Date() < deliveryDeadline {
                try await Task.sleep(for: .milliseconds(200))
                received = try FileManager.default.contentsOfDirectory(atPath: outbox).filter { $0.hasSuffix(".eml") }
            }
            second.terminate()
            _ = try await second.wait(timeout: 30)
            return received
        }
        let mails = try await queue.list(states: [.done, .pending, .dead]).filter { $0.kind == "mail.send" }
        let kept = try await Mailbox(database: database).list()
        await database.close()
        // check
        #expect(afterOutage.count == 1)
        #expect(afterOutage.first?.lastError?.isEmpty == false)
        #expect(received.count == 1)
        let raw = try String(contentsOfFile: outbox + "/" + (received.first ?? ""), encoding: .utf8)
        #expect(raw.contains("lea@exemple.test"))
        #expect(raw.contains("Subject: Message de test"))
        #expect(mails.count == 1 && mails.first?.state == .done)
        // The operator's pages read the copy the worker keeps of what SMTP accepted, once.
        #expect(kept.map(\.message.subject) == ["Message de test de Boutique e-Cartes cadeaux"])
    }
}
