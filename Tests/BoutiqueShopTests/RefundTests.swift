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

@Suite("Refunds")
struct RefundTests {
    static let secrets = try? CardSecrets(secret: Data(repeating: 9, count: 32))

    /// The guide's order (50 + 100 + 10 € at 5 %), paid through the fake provider, cards issued.
    static func activated(_ database: BoutiqueDatabase) async throws -> (PaymentFlowTests.Fixture, Refunds, AccountActor) {
        let f = try await PaymentFlowTests.fixture(database)
        _ = try await f.payments.start(actor: f.actor, orderID: f.order.id)
        f.provider.set("tok-1", .succeeded)
        try await f.payments.notified(provider: "fake", reference: "tok-1")
        try await f.deliver()
        let composer = try await MailComposer(settings: MailSettings())
        let issuer = CardIssuer(database: database, secrets: try #require(secrets), prefix: try CardIssuerPrefix("5032"))
        try await CardIssuance(database: database, issuer: issuer, composer: composer).issue(orderID: f.order.id)
        let refunds = Refunds(database: database, provider: f.provider, composer: composer, seller: ShopSettings.demoSeller)
        let operatorUser = try #require(try await User.query(on: database.db).filter(\.$email == "operateur@demo.test").first())
        return (f, refunds, try AccountActor(operatorUser))
    }

    static func runRefundJobs(_ database: BoutiqueDatabase, _ refunds: Refunds) async throws {
        var registry = ShopJobs.registry(database: database, mail: Mailbox(database: database))
        refunds.register(in: &registry)
        try await JobWorker(queue: JobQueue(database: database), registry: registry, logger: Logger(label: "t")).drain()
    }

    @Test("a full refund blocks every card, writes the balances off, refunds the price paid once, and e-mails the employee",
          arguments: TestEngine.available)
    func full(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let (f, refunds, operatorActor) = try await Self.activated(database)
            let orderID = f.order.id
            // act
            let first = try await refunds.refund(actor: operatorActor, orderID: orderID)
            let second = try await refunds.refund(actor: operatorActor, orderID: orderID)
            let byEmployee = try await refunds.refund(actor: f.actor, orderID: orderID)
            try await Self.runRefundJobs(database, refunds)
            // check
            #expect(first == .refunded(amount: Money(cents: 15_200)))
            #expect(second == .refused("Cette commande est déjà remboursée."))
            #expect(byEmployee == .refused("Réservé à l'opérateur."))
            #expect(try await f.orderStatus() == .refunded)
            let cards = try await CardLedger.cards(ownerID: f.actor.id, on: database.sql)
            #expect(cards.count == 3 && cards.allSatisfy { $0.status == .blocked && $0.balanceCents == 0 })
            #expect(try await CardLedger.unbalancedCards(on: database.sql).isEmpty)
            #expect(f.provider.refundCalls.map(\.amount) == [15_200])
            #expect(f.provider.refundCalls.first?.key == "refund-\(orderID)")
            #expect(try await f.mailbox.list().contains { $0.message.subject == "Remboursement de votre commande \(f.order.reference)" })
        }
    }

    @Test("a partly spent card refunds only its balance, at the price paid", arguments: TestEngine.available)
    func partial(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup: 20.00 € spent on the 50 € card
            let (f, refunds, operatorActor) = try await Self.activated(database)
            let fifty = try #require(try await CardLedger.cards(ownerID: f.actor.id, on: database.sql).first { $0.faceValueCents == 5_000 })
            let secrets = try #require(Self.secrets)
            let till = try await TestTill.open(database, secrets: secrets)
            _ = try await till.spend(number: secrets.number(of: fifty), pin: secrets.pin(of: fifty), cents: 2_000).get()
            // act
            let outcome = try await refunds.refund(actor: operatorActor, orderID: f.order.id)
            try await Self.runRefundJobs(database, refunds)
            // check: 95.00 + 9.50 + 30.00 × 0.95 = 132.99 → the 50 € line's share rounds to 28.50
            #expect(outcome == .refunded(amount: Money(cents: 9_500 + 950 + 2_850)))
            #expect(f.provider.refundCalls.map(\.amount) == [13_300])
            let movements = try await CardLedger.transactions(cardID: fifty.id, on: database.sql).map(\.kind)
            #expect(movements == [.issue, .redemption, .refund])
            #expect(try await CardLedger.unbalancedCards(on: database.sql).isEmpty)
        }
    }
}
