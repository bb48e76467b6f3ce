import BoutiqueCore
import BoutiquePayments
import BoutiqueStore
import BoutiqueTestSupport
import Foundation
@testable import PSPSandbox
import Testing

/// The server-to-server notifications: retried until acknowledged, kept across restarts, and
/// sent for payments abandoned on the page.
@Suite("PSP sandbox: notifications and expiry")
struct SandboxNotificationTests {
    @Test("A notification the shop refuses (500) is retried with growing waits until a 2xx", arguments: TestEngine.available)
    func retriedUntilAcknowledged(engine: TestEngine) async throws {
        try await SandboxFixture.run(engine, receiverFailures: 2) { fixture in
            // setup
            let creation = try await fixture.provider.createPayment(fixture.request())

            // act
            _ = try await fixture.payWithCard(creation, card: Cards.frictionless)
            let calls = try await fixture.receiver.waitForCalls(3)
            try await Task.sleep(for: .milliseconds(700))

            // check
            #expect(calls.map(\.status) == [500, 500, 200])
            #expect(fixture.receiver.calls.count == 3, "plus d'appel après l'acquittement")
            let tokens = calls.map { String(decoding: $0.body, as: UTF8.self) }
            #expect(Set(tokens) == ["{\"token\":\"\(creation.reference)\"}"])
            let firstWait = calls[1].receivedAt.timeIntervalSince(calls[0].receivedAt)
            let secondWait = calls[2].receivedAt.timeIntervalSince(calls[1].receivedAt)
            #expect(firstWait >= 0.2)
            #expect(secondWait >= 0.4, "l'attente double : \(firstWait) puis \(secondWait)")
            #expect(try await fixture.sandbox.store.notificationCounts() == ["delivered": 1])
        }
    }

    @Test("Retries stop at the deadline: the notification is abandoned, not retried forever", arguments: TestEngine.available)
    func abandonedAfterDeadline(engine: TestEngine) async throws {
        // setup
        var configuration = SandboxFixture.configuration(notificationDelay: .milliseconds(50))
        configuration.notificationDeadline = .milliseconds(500)
        try await SandboxFixture.run(engine, configuration: configuration, receiverFailures: 1_000) { fixture in
            let creation = try await fixture.provider.createPayment(fixture.request())

            // act
            _ = try await fixture.payWithCard(creation, card: Cards.frictionless)
            var counts: [String: Int] = [:]
            for _ in 0..<100 where counts["abandoned"] == nil {
                try await Task.sleep(for: .milliseconds(50))
                counts = try await fixture.sandbox.store.notificationCounts()
            }
            let attempts = fixture.receiver.calls.count
            try await Task.sleep(for: .milliseconds(600))

            // check
            #expect(counts == ["abandoned": 1])
            #expect((1...4).contains(attempts), "\(attempts) tentatives avant l'échéance")
            #expect(fixture.receiver.calls.count == attempts, "plus rien après l'abandon")
        }
    }

    @Test("A notification still pending when the sandbox stops is delivered after it restarts")
    func survivesRestart() async throws {
        // setup
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("psp-restart-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let location = DatabaseLocation.sqliteFile(path: folder.appendingPathComponent("psp.sqlite").path)
        let receiver = NotificationReceiver()
        // Long enough that the first sandbox stops before the notification is due, even on a busy machine.
        let configuration = SandboxFixture.configuration(notificationDelay: .seconds(6))
        try await LiveServer.run(receiver.router) { receiverPort in
            let receiverURL = "http://127.0.0.1:\(receiverPort)/notify"
            let first = try await BoutiqueDatabase.open(location, logger: LiveServer.quietLogger)
            let token = try await SandboxFixture.run(database: first, configuration: configuration, receiver: receiver,
                                                     receiverURL: receiverURL) { fixture in
                let creation = try await fixture.provider.createPayment(fixture.request())
                _ = try await fixture.payWithCard(creation, card: Cards.frictionless)
                return creation.reference
            }
            await first.close()
            let notifiedWhileStopped = receiver.calls.count

            // act
            let second = try await BoutiqueDatabase.open(location, logger: LiveServer.quietLogger)
            let calls = try await SandboxFixture.run(database: second, configuration: configuration, receiver: receiver,
                                                     receiverURL: receiverURL) { fixture in
                let calls = try await receiver.waitForCalls(1)
                #expect(try await fixture.provider.paymentDetails(reference: token).status == .succeeded)
                return calls
            }
            await second.close()

            // check
            #expect(notifiedWhileStopped == 0)
            #expect(calls.count == 1)
            #expect(calls.first.map { String(decoding: $0.body, as: UTF8.self) } == "{\"token\":\"\(token)\"}")
        }
    }

    @Test("A payment left on the page expires: status expired, page closed, shop notified", arguments: TestEngine.available)
    func expiry(engine: TestEngine) async throws {
        try await SandboxFixture.run(engine, configuration: SandboxFixture.configuration(notificationDelay: .milliseconds(50),
                                                                                 paymentLifetime: .seconds(3))) { fixture in
            // setup
            let creation = try await fixture.provider.createPayment(fixture.request())
            let form = try #require(try await fixture.browser.get(creation.redirectURL).form(actionSuffix: "/pay/\(creation.reference)"))

            // act
            let calls = try await fixture.receiver.waitForCalls(1)
            let late = try await fixture.browser.submit(form, ["card_number": Cards.frictionless,
                                                               "expiry": SandboxFixture.futureExpiry, "cvv": "123"])
            let page = try await fixture.browser.get(creation.redirectURL)

            // check
            #expect(calls.count == 1, "le service d'arrière-plan expire le paiement et notifie")
            let details = try await fixture.provider.paymentDetails(reference: creation.reference)
            #expect(details.status == .expired)
            #expect(late.status == 303, "trop tard : retour à la boutique sans paiement")
            #expect(page.html.contains("a expiré"))
        }
    }

    @Test("Retry waits double up to the maximum", arguments: TestEngine.available)
    func backoff(engine: TestEngine) async throws {
        try await SandboxFixture.run(engine) { fixture in
            // setup
            let notifier = fixture.sandbox.makeNotifier()

            // act
            let waits = (1...6).map { notifier.retryDelay(afterAttempt: $0) }

            // check
            #expect(waits == [200, 400, 800, 1_000, 1_000, 1_000])
            #expect(notifier.retryDelay(afterAttempt: 500) == 1_000)
        }
    }
}
