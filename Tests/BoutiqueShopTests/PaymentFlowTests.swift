import BoutiqueCore
import BoutiqueMail
import BoutiquePayments
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import Logging
import Synchronization
import Testing

/// A provider whose answers the test sets; it can also be "down".
final class FakeProvider: PaymentProvider {
    private let state = Mutex<(payments: [String: PaymentDetails], down: Bool, created: Int)>(([:], false, 0))
    private let refunds = Mutex<[(reference: String, amount: Int, key: String?)]>([])

    var refundCalls: [(reference: String, amount: Int, key: String?)] { refunds.withLock { $0 } }

    func createPayment(_ request: PaymentRequest) async throws -> PaymentCreation {
        let reference = state.withLock { state -> String in
            state.created += 1
            let reference = "tok-\(state.created)"
            state.payments[reference] = PaymentDetails(reference: reference, status: .pending, amount: request.amount,
                                                       currency: request.currency, orderReference: request.orderReference)
            return reference
        }
        return PaymentCreation(reference: reference, redirectURL: "https://psp.test/pay/\(reference)")
    }

    func paymentDetails(reference: String) async throws -> PaymentDetails {
        try state.withLock { state in
            if state.down { throw PaymentProviderError(.unavailable, statusCode: 503, message: "maintenance") }
            guard let details = state.payments[reference] else { throw PaymentProviderError(.notFound, statusCode: 404, message: "inconnu") }
            return details
        }
    }

    func refund(reference: String, amount: Int, idempotencyKey: String?) async throws -> RefundResult {
        refunds.withLock { $0.append((reference, amount, idempotencyKey)) }
        return RefundResult(refundID: "r", amount: amount, totalRefunded: amount)
    }

    func set(_ reference: String, _ status: PaymentStatus, amount: Int? = nil, reason: String? = nil) {
        state.withLock { state in
            state.payments[reference]?.status = status
            if let amount { state.payments[reference]?.amount = amount }
            state.payments[reference]?.failureReason = reason
        }
    }

    func setDown(_ down: Bool) { state.withLock { $0.down = down } }
}

@Suite("Payment processing")
struct PaymentFlowTests {
    struct Fixture {
        let database: BoutiqueDatabase
        let provider: FakeProvider
        let payments: Payments
        let actor: AccountActor
        let order: OrderRecord
        let worker: JobWorker
        let mailbox: Mailbox

        func orderStatus() async throws -> OrderStatus? { try await Order.find(order.id, on: database.db)?.status }
        func deliver() async throws { try await worker.drain() }
        func confirmations() async throws -> Int {
            try await deliver()
            return try await mailbox.list().filter { $0.message.subject.hasPrefix("Confirmation de votre commande") }.count
        }
    }

    static func fixture(_ database: BoutiqueDatabase, issueDelay: Duration = .zero) async throws -> Fixture {
        let actor = try #require(try await OrderPlacementTests.employees(1, database).first)
        let order = try await Orders(database: database).place(actor: actor, acceptedTerms: true)
        let provider = FakeProvider()
        let composer = try await MailComposer(settings: MailSettings())
        let payments = Payments(database: database, settings: PaymentSettings(providerName: "fake", provider: provider,
                                                                               publicURL: "http://shop.test", beneficiary: "Boutique",
                                                                               issueDelay: issueDelay),
                                composer: composer)
        let mailbox = Mailbox(database: database)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let worker = JobWorker(queue: JobQueue(database: database),
                               registry: ShopJobs.registry(database: database, mail: mailbox, payments: payments),
                               options: .init(retry: RetryPolicy(base: .milliseconds(1), jitter: 0)), logger: logger)
        return Fixture(database: database, provider: provider, payments: payments, actor: actor, order: order, worker: worker, mailbox: mailbox)
    }

    @Test("returning from the payment page only waits; the notification validates, e-mails once, numbers the invoice",
          arguments: TestEngine.available)
    func successThroughNotification(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let f = try await Self.fixture(database)
            let start = try await f.payments.start(actor: f.actor, orderID: f.order.id)
            guard case .redirect(let url) = start else { Issue.record("no redirect"); return }
            // act
            f.provider.set("tok-1", .succeeded)
            let back = try await f.payments.returned(actor: f.actor, orderID: f.order.id, cancelled: false)
            let afterReturn = try await f.orderStatus()
            for _ in 0..<5 { try await f.payments.notified(provider: "fake", reference: "tok-1") }
            let mails = try await f.confirmations()
            // check
            #expect(url == "https://psp.test/pay/tok-1")
            #expect(back == .awaitingConfirmation(reference: f.order.reference))
            #expect(afterReturn == .awaitingPaymentConfirmation)
            #expect(try await f.orderStatus() == .validated)
            #expect(mails == 1)
            let saved = try #require(try await Order.find(f.order.id, on: database.db))
            #expect(saved.invoiceNumber == 1 && saved.validatedAt != nil)
            let mail = try #require(try await f.mailbox.list().first { $0.message.subject.contains("Confirmation") }?.message)
            #expect(mail.text.contains("Nous vous confirmons que celle-ci a été validée."))
            #expect(mail.text.contains("1 x 50,00\u{00A0}€") && mail.text.contains("Total : 152,00\u{00A0}€"))
            #expect(try await PaymentNotification.query(on: database.db).count() == 5)
        }
    }

    @Test("the cards are issued after the configured issuer delay", arguments: [TestEngine.sqlite])
    func issueDelay(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let f = try await Self.fixture(database, issueDelay: .seconds(3 * 3_600))
            _ = try await f.payments.start(actor: f.actor, orderID: f.order.id)
            f.provider.set("tok-1", .succeeded)
            try await f.payments.notified(provider: "fake", reference: "tok-1")
            try await f.deliver()
            let issuance = try #require(try await JobQueue(database: database).list(states: [.pending]).first { $0.kind == OrderEvents.validatedKind })
            let hours = Double(issuance.runAt - EpochMilliseconds.from(Date())) / 3_600_000
            #expect(try await f.orderStatus() == .validated)
            #expect((2.9...3.1).contains(hours))
        }
    }

    @Test("a customer who closes the browser after paying still gets the order validated", arguments: [TestEngine.sqlite])
    func browserClosed(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let f = try await Self.fixture(database)
            _ = try await f.payments.start(actor: f.actor, orderID: f.order.id)
            f.provider.set("tok-1", .succeeded)
            try await f.payments.notified(provider: "fake", reference: "tok-1")
            try await f.deliver()
            #expect(try await f.orderStatus() == .validated)
        }
    }

    @Test("a refusal shows the advice, a retry is a new attempt, and the second payment validates", arguments: TestEngine.available)
    func refusalThenRetry(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let f = try await Self.fixture(database)
            let id = f.order.id
            _ = try await f.payments.start(actor: f.actor, orderID: id)
            f.provider.set("tok-1", .refused, reason: "Fonds insuffisants")
            // act
            let back = try await f.payments.returned(actor: f.actor, orderID: id, cancelled: false)
            let refused = try await f.orderStatus()
            _ = try await f.payments.start(actor: f.actor, orderID: id)
            let retrying = try await f.orderStatus()
            f.provider.set("tok-2", .succeeded)
            try await f.payments.notified(provider: "fake", reference: "tok-2")
            // a late notification of the refused attempt changes nothing
            try await f.payments.notified(provider: "fake", reference: "tok-1")
            try await f.deliver()
            // check
            #expect(back == .refused(reference: f.order.reference, reason: "Fonds insuffisants"))
            #expect(refused == .paymentRefused && retrying == .awaitingPayment)
            #expect(try await f.orderStatus() == .validated)
            let attempts = try await PaymentAttempt.query(on: database.db).sort(\.$reference).all().map(\.status)
            #expect(attempts == ["refused", "succeeded"])
        }
    }

    @Test("the return address opened before paying changes nothing: paying again resumes the open page, and paying it validates",
          arguments: TestEngine.available)
    func returnBeforePaying(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let f = try await Self.fixture(database)
            let id = f.order.id
            // act: back before any attempt, then with the attempt still open at the provider
            let noAttempt = try await f.payments.returned(actor: f.actor, orderID: id, cancelled: false)
            _ = try await f.payments.start(actor: f.actor, orderID: id)
            let open = try await f.payments.returned(actor: f.actor, orderID: id, cancelled: false)
            let status = try await f.orderStatus()
            let again = try await f.payments.start(actor: f.actor, orderID: id)
            f.provider.set("tok-1", .succeeded)
            try await f.payments.notified(provider: "fake", reference: "tok-1")
            try await f.deliver()
            // check
            #expect(noAttempt == .notPaid(reference: f.order.reference) && open == .notPaid(reference: f.order.reference))
            #expect(status == .awaitingPayment)
            #expect(again == .redirect("https://psp.test/pay/tok-1"))
            #expect(try await PaymentAttempt.query(on: database.db).count() == 1)
            #expect(try await f.orderStatus() == .validated)
        }
    }

    @Test("forged or unknown references change nothing", arguments: [TestEngine.sqlite])
    func unknownReference(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let f = try await Self.fixture(database)
            _ = try await f.payments.start(actor: f.actor, orderID: f.order.id)
            try await f.payments.notified(provider: "fake", reference: "tok-forged")
            try await f.payments.notified(provider: "other", reference: "tok-1")
            try await f.deliver()
            #expect(try await f.orderStatus() == .awaitingPayment)
            #expect(try await PaymentNotification.query(on: database.db).all().map(\.outcome) == ["unknown", "unknown"])
            #expect(try await JobQueue(database: database).counts()[.done] == nil)
        }
    }

    @Test("the provider down while the details are fetched: retried, then validated", arguments: TestEngine.available)
    func providerDown(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let f = try await Self.fixture(database)
            _ = try await f.payments.start(actor: f.actor, orderID: f.order.id)
            f.provider.set("tok-1", .succeeded)
            f.provider.setDown(true)
            // act
            try await f.payments.notified(provider: "fake", reference: "tok-1")
            try await f.deliver()
            let whileDown = try await f.orderStatus()
            let pending = try await JobQueue(database: database).list(states: [.pending])
            f.provider.setDown(false)
            try await Task.sleep(for: .milliseconds(50))
            try await f.deliver()
            // check
            #expect(whileDown == .awaitingPayment)
            #expect(pending.count == 1 && pending.first?.lastError?.contains("maintenance") == true)
            #expect(try await f.orderStatus() == .validated)
        }
    }

    @Test("an amount that differs from the order's flags it instead of validating", arguments: TestEngine.available)
    func amountMismatch(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let f = try await Self.fixture(database)
            _ = try await f.payments.start(actor: f.actor, orderID: f.order.id)
            f.provider.set("tok-1", .succeeded, amount: 100)
            try await f.payments.notified(provider: "fake", reference: "tok-1")
            try await f.deliver()
            let saved = try #require(try await Order.find(f.order.id, on: database.db))
            #expect(saved.status == .awaitingPayment)
            #expect(saved.paymentFlag?.contains("ne correspond pas") == true)
            #expect(try await f.confirmations() == 0)
        }
    }

    @Test("reconciliation asks about late confirmations and cancels orders left unpaid for an hour", arguments: [TestEngine.sqlite])
    func reconciliation(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup: one order returned but never notified, one abandoned on the payment page
            let f = try await Self.fixture(database)
            let first = f.order.id
            _ = try await f.payments.start(actor: f.actor, orderID: first)
            f.provider.set("tok-1", .succeeded)
            _ = try await f.payments.returned(actor: f.actor, orderID: first, cancelled: false)
            let other = try await OrderPlacementTests.employees(1, database, prefix: "b").first
            let abandoned = try await Orders(database: database).place(actor: try #require(other), acceptedTerms: true)
            try await Order.query(on: database.db).set(\.$updatedAt, to: Date().addingTimeInterval(-600)).update()
            try await Order.query(on: database.db).filter(\.$id == abandoned.id).set(\.$createdAt, to: Date().addingTimeInterval(-7_200)).update()
            // act
            try await f.payments.reconcile()
            // check
            #expect(try await f.orderStatus() == .validated)
            #expect(try await Order.find(abandoned.id, on: database.db)?.status == .cancelled)
        }
    }
}
