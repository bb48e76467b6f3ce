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

/// Card issuance against the operator's refund: an order ends either refunded with no usable
/// card, or activated with all its cards — never refunded with active cards.
@Suite("Card issuance and refunds")
struct IssuanceRefundTests {
    struct Shop {
        let database: BoutiqueDatabase
        let issuance: CardIssuance
        let refunds: Refunds
        let operatorActor: AccountActor
        let mailbox: Mailbox

        /// The "cards available" e-mails sent for `order`, once the outbox is delivered.
        func availableMails(_ order: Order) async throws -> Int {
            try await JobWorker(queue: JobQueue(database: database), registry: ShopJobs.registry(database: database, mail: mailbox),
                                logger: Logger(label: "test")).drain()
            return try await mailbox.list().filter { $0.message.subject == "Vos e-Cartes sont disponibles (\(order.reference))" }.count
        }

        func cards(_ order: Order) async throws -> [CardRecord] {
            try await CardLedger.cards(ownerID: order.$user.id, on: database.sql)
        }
    }

    /// `count` orders of the guide's three cards (50 + 100 + 10 € at 5 %: 152.00 €), each paid
    /// through the fake provider, so validated with an invoice number and awaiting their issue.
    static func validatedOrders(_ count: Int, _ database: BoutiqueDatabase) async throws -> (Shop, [Order]) {
        let actors = try await OrderPlacementTests.employees(count, database, prefix: "course")
        let provider = FakeProvider()
        let composer = try await MailComposer(settings: MailSettings())
        let payments = Payments(database: database, settings: PaymentSettings(providerName: "fake", provider: provider,
                                                                               publicURL: "http://shop.test", beneficiary: "Boutique"),
                                composer: composer)
        var orders: [Order] = []
        for (index, actor) in actors.enumerated() {
            let order = try await Orders(database: database).place(actor: actor, acceptedTerms: true)
            _ = try await payments.start(actor: actor, orderID: order.id)
            provider.set("tok-\(index + 1)", .succeeded)
            try await payments.check(PaymentCheck(provider: "fake", reference: "tok-\(index + 1)"))
            orders.append(try #require(try await Order.find(order.id, on: database.db)))
        }
        let issuer = CardIssuer(database: database, secrets: try #require(RefundTests.secrets), prefix: try CardIssuerPrefix("5032"))
        let operatorUser = try #require(try await User.query(on: database.db).filter(\.$email == "operateur@demo.test").first())
        let shop = Shop(database: database, issuance: CardIssuance(database: database, issuer: issuer, composer: composer),
                        refunds: Refunds(database: database, provider: provider, composer: composer, seller: ShopSettings.demoSeller),
                        operatorActor: try AccountActor(operatorUser), mailbox: Mailbox(database: database))
        return (shop, orders)
    }

    @Test("an order refunded before its issuance job runs gets no card and no « cards available » e-mail", arguments: TestEngine.available)
    func refundedFirst(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let (shop, orders) = try await Self.validatedOrders(1, database)
            let order = try #require(orders.first)
            #expect(order.status == .validated)
            // act
            let refund = try await shop.refunds.refund(actor: shop.operatorActor, orderID: try order.requireID())
            try await shop.issuance.issue(orderID: try order.requireID())
            // check
            #expect(refund == .refunded(amount: Money(cents: 15_200)))
            #expect(try await Order.find(order.id, on: database.db)?.status == .refunded)
            #expect(try await shop.cards(order).isEmpty)
            #expect(try await shop.availableMails(order) == 0)
        }
    }

    @Test("issuing twice, or twice at once, gives the order its three cards once and one e-mail", arguments: TestEngine.available)
    func idempotent(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let (shop, orders) = try await Self.validatedOrders(1, database)
            let order = try #require(orders.first)
            let id = try order.requireID()
            // act
            async let first: Void = shop.issuance.issue(orderID: id)
            async let second: Void = shop.issuance.issue(orderID: id)
            _ = try await (first, second)
            try await shop.issuance.issue(orderID: id)
            // check
            let cards = try await shop.cards(order)
            #expect(cards.count == 3 && cards.allSatisfy { $0.status == .active })
            #expect(Set(cards.map(\.faceValueCents)) == [5_000, 10_000, 1_000])
            #expect(Set(cards.map(\.lastDay)).count == 1)
            #expect(try await Order.find(id, on: database.db)?.status == .activated)
            #expect(try await shop.availableMails(order) == 1)
            #expect(try await CardLedger.unbalancedCards(on: database.sql).isEmpty)
        }
    }

    @Test("refunds racing issuances: every order ends refunded in full with no usable card", arguments: TestEngine.available)
    func race(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let (shop, orders) = try await Self.validatedOrders(12, database)
            // act: each order's refund and issue start together
            let outcomes = try await withThrowingTaskGroup(of: Refunds.Outcome.self) { group in
                for order in orders {
                    let id = try order.requireID()
                    group.addTask { try await shop.issuance.issue(orderID: id); return .refused("issue") }
                    group.addTask { try await shop.refunds.refund(actor: shop.operatorActor, orderID: id) }
                }
                return try await group.reduce(into: []) { $0.append($1) }.filter { $0 != .refused("issue") }
            }
            // check
            #expect(outcomes.count == 12 && outcomes.allSatisfy { $0 == .refunded(amount: Money(cents: 15_200)) }, "\(outcomes)")
            for order in orders {
                #expect(try await Order.find(order.id, on: database.db)?.status == .refunded)
                let cards = try await shop.cards(order)
                #expect(cards.allSatisfy { $0.status == .blocked && $0.balanceCents == 0 }, "\(order.reference): \(cards.map(\.status))")
                #expect(cards.isEmpty || cards.count == 3)
            }
            #expect(try await CardLedger.unbalancedCards(on: database.sql).isEmpty)
        }
    }
}
