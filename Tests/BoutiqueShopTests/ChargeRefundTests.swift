import BoutiqueCore
import BoutiqueMail
import BoutiquePayments
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import Logging
import Testing

/// One order, one charge; caps that hold at payment. A charge the shop does not keep goes back
/// through the provider, once, with an e-mail and an audit entry.
@Suite("Charges not kept")
struct ChargeRefundTests {
    /// The refund job's handler beside the payment jobs, as the workers run them.
    static func worker(_ f: PaymentFlowTests.Fixture) async throws -> JobWorker {
        let composer = try await MailComposer(settings: MailSettings())
        var registry = ShopJobs.registry(database: f.database, mail: f.mailbox, payments: f.payments)
        Refunds(database: f.database, provider: f.provider, composer: composer, seller: ShopSettings.demoSeller).register(in: &registry)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return JobWorker(queue: JobQueue(database: f.database), registry: registry,
                         options: .init(retry: RetryPolicy(base: .milliseconds(1), jitter: 0)), logger: logger)
    }

    static func refundMails(_ f: PaymentFlowTests.Fixture) async throws -> [MailMessage] {
        try await f.mailbox.list().map(\.message).filter { $0.subject.hasPrefix("Remboursement d'un paiement") }
    }

    @Test("paying again while the page is open resumes it; a second charge is refunded once, recorded, e-mailed and audited",
          arguments: TestEngine.available)
    func doubleCharge(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let f = try await PaymentFlowTests.fixture(database)
            let worker = try await Self.worker(f)
            let first = try await f.payments.start(actor: f.actor, orderID: f.order.id)
            let resumed = try await f.payments.start(actor: f.actor, orderID: f.order.id)
            // An attempt opened before pages were kept cannot be resumed: a second page opens.
            try await PaymentAttempt.query(on: database.db).set(\.$redirectURL, to: nil).update()
            let second = try await f.payments.start(actor: f.actor, orderID: f.order.id)
            // act: both pages paid, each notified twice
            f.provider.set("tok-1", .succeeded)
            f.provider.set("tok-2", .succeeded)
            for reference in ["tok-2", "tok-1", "tok-1", "tok-2"] { try await f.payments.notified(provider: "fake", reference: reference) }
            try await worker.drain()
            try await worker.drain()
            // check
            #expect(first == .redirect("https://psp.test/pay/tok-1") && resumed == first)
            #expect(second == .redirect("https://psp.test/pay/tok-2"))
            #expect(try await f.orderStatus() == .validated)
            let saved = try #require(try await Order.find(f.order.id, on: database.db))
            let kept = try #require(try await PaymentAttempt.find(saved.paidAttemptID, on: database.db))
            let other = kept.reference == "tok-1" ? "tok-2" : "tok-1"
            #expect(f.provider.refundCalls.map(\.reference) == [other] && f.provider.refundCalls.map(\.amount) == [15_200])
            let refunds = try await PaymentRefund.query(on: database.db).all()
            #expect(refunds.map(\.reason) == ["duplicate"] && refunds.map(\.status) == ["done"])
            #expect(saved.refundedCents == 15_200 && saved.invoiceNumber == 1)
            #expect(try await f.confirmations() == 1)
            let mails = try await Self.refundMails(f)
            #expect(mails.count == 1 && mails.first?.text.contains("un second paiement pour votre commande \(f.order.reference)") == true)
            #expect(mails.first?.text.contains("152,00") == true)
            let audit = try await AuditEntry.query(on: database.db).filter(\.$action == AuditAction.chargeRefunded.rawValue).all()
            #expect(audit.map(\.target) == [f.order.reference] && audit.first?.details.contains(other) == true)
            // The operator's refund then goes through the kept charge only.
            let record = try #require(try await database.tables.orders.full(acrossTenants: f.order.id))
            #expect(record.refunds.map(\.attemptReference) == [other] && record.attempts.count == 2)
        }
    }

    @Test("a charge for an order cancelled meanwhile goes back, the order stays cancelled", arguments: TestEngine.available)
    func chargeAfterCancel(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let f = try await PaymentFlowTests.fixture(database)
            let worker = try await Self.worker(f)
            _ = try await f.payments.start(actor: f.actor, orderID: f.order.id)
            try await Order.query(on: database.db).filter(\.$id == f.order.id).set(\.$status, to: .cancelled).update()
            // act
            f.provider.set("tok-1", .succeeded)
            try await f.payments.notified(provider: "fake", reference: "tok-1")
            try await worker.drain()
            // check
            #expect(try await f.orderStatus() == .cancelled)
            #expect(f.provider.refundCalls.map(\.amount) == [15_200])
            #expect(try await Self.refundMails(f).first?.text.contains("alors qu'elle avait été annulée") == true)
            #expect(try await Order.find(f.order.id, on: database.db)?.invoiceNumber == nil)
        }
    }

    /// Alpha's yearly cap lowered to 400 €: room for two of the guide's 152 € orders.
    static func lowerCap(_ database: BoutiqueDatabase, cents: Int?, maxOrder: Int? = 150_000) async throws {
        let alpha = try #require(try await Tenant.query(on: database.db).filter(\.$slug == "alpha").first())
        alpha.settings = TenantSettings(maxOrderCents: maxOrder, yearlyCapCents: cents, autoApproveWithKey: true)
        try await alpha.save(on: database.db)
    }

    @Test("orders awaiting payment count against the yearly cap until their payment lifetime ends", arguments: TestEngine.available)
    func placementCountsAwaiting(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let f = try await PaymentFlowTests.fixture(database)
            try await Self.lowerCap(database, cents: 40_000)
            let product = try #require(try await Product.query(on: database.db).first())
            let cart = Cart(database: database), orders = Orders(database: database)
            func refill() async throws {
                for euros in ["50", "100", "10"] { try await cart.add(actor: f.actor, productID: product.id, amount: euros, quantity: "1") }
            }
            // act
            try await refill()
            let second = try await orders.place(actor: f.actor, acceptedTerms: true)
            try await refill()
            let refused = await #expect(throws: FormErrors.self) { try await orders.place(actor: f.actor, acceptedTerms: true) }
            try await Order.query(on: database.db).filter(\.$id == f.order.id).set(\.$createdAt, to: Date().addingTimeInterval(-3_700)).update()
            let third = try await orders.place(actor: f.actor, acceptedTerms: true)
            // check
            #expect(second.totalCents == 15_200 && third.totalCents == 15_200)
            let message = refused?.messages["form"] ?? ""
            #expect(message.contains("il vous reste 96,00") && message.contains("en attente de paiement (304,00"))
        }
    }

    @Test("N unpaid orders paid at once cannot pass the yearly cap: the charges past it are refunded, their orders cancelled",
          arguments: TestEngine.available)
    func concurrentPaymentsAgainstCap(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup: five orders of 152 € placed an hour apart (each one's lifetime over when the next is placed), cap 400 €
            let f = try await PaymentFlowTests.fixture(database)
            let worker = try await Self.worker(f)
            try await Self.lowerCap(database, cents: 40_000)
            let product = try #require(try await Product.query(on: database.db).first())
            var orderIDs = [f.order.id]
            for _ in 1..<5 {
                try await Order.query(on: database.db).set(\.$createdAt, to: Date().addingTimeInterval(-3_700)).update()
                for euros in ["50", "100", "10"] { try await Cart(database: database).add(actor: f.actor, productID: product.id, amount: euros, quantity: "1") }
                orderIDs.append(try await Orders(database: database).place(actor: f.actor, acceptedTerms: true).id)
            }
            try await Order.query(on: database.db).set(\.$createdAt, to: Date().addingTimeInterval(-60)).update()
            for id in orderIDs { _ = try await f.payments.start(actor: f.actor, orderID: id) }
            for n in 1...5 { f.provider.set("tok-\(n)", .succeeded) }
            // act: the five confirmations at once
            let payments = f.payments
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 1...5 { group.addTask { try await payments.check(PaymentCheck(provider: "fake", reference: "tok-\(n)")) } }
                try await group.waitForAll()
            }
            try await worker.drain()
            // check
            let statuses = try await Order.query(on: database.db).all().map(\.status)
            #expect(statuses.filter { $0 == .validated }.count == 2 && statuses.filter { $0 == .cancelled }.count == 3)
            #expect(f.provider.refundCalls.map(\.amount) == [15_200, 15_200, 15_200])
            #expect(try await database.tables.orders.paidTotal(by: f.actor.id, since: FrenchCalendar.startOfYear(Date())) == 30_400)
            let mails = try await Self.refundMails(f)
            #expect(mails.count == 3 && mails.allSatisfy { $0.text.contains("plafond annuel d'achat de 400,00") })
            #expect(try await PaymentRefund.query(on: database.db).all().allSatisfy { $0.reason == "cap" })
        }
    }

    @Test("a per-order limit lowered after the order refunds its payment", arguments: [TestEngine.sqlite])
    func perOrderLimit(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let f = try await PaymentFlowTests.fixture(database)
            let worker = try await Self.worker(f)
            _ = try await f.payments.start(actor: f.actor, orderID: f.order.id)
            try await Self.lowerCap(database, cents: nil, maxOrder: 10_000)
            f.provider.set("tok-1", .succeeded)
            try await f.payments.notified(provider: "fake", reference: "tok-1")
            try await worker.drain()
            #expect(try await f.orderStatus() == .cancelled)
            #expect(try await Self.refundMails(f).first?.text.contains("montant maximal d'une commande fixé par votre CSE (100,00") == true)
        }
    }
}
