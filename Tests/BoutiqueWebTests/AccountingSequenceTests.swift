import BoutiqueCore
import BoutiqueMail
import BoutiquePayments
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import HTTPTypes
import HummingbirdTesting
import Synchronization
import Testing

/// A provider that reports every payment it created as paid, in full.
final class ApprovingProvider: PaymentProvider {
    private let created = Mutex<[String: PaymentRequest]>([:])

    func createPayment(_ request: PaymentRequest) async throws -> PaymentCreation {
        let reference = "ok-\(UUID().uuidString.prefix(8))"
        created.withLock { $0[reference] = request }
        return PaymentCreation(reference: reference, redirectURL: "https://psp.test/\(reference)")
    }

    func paymentDetails(reference: String) async throws -> PaymentDetails {
        guard let request = created.withLock({ $0[reference] }) else { throw PaymentProviderError(.notFound, message: "inconnu") }
        return PaymentDetails(reference: reference, status: .succeeded, amount: request.amount, currency: request.currency,
                              orderReference: request.orderReference)
    }

    func refund(reference: String, amount: Int, idempotencyKey: String?) async throws -> RefundResult {
        RefundResult(refundID: "r", amount: amount, totalRefunded: amount)
    }
}

@Suite("Accounting export: orders and dotations")
struct AccountingSequenceTests {
    /// Marie orders one 50 € card and pays it the way production does: the provider's answer
    /// validates the order and takes the next invoice number.
    static func paidOrder(_ database: BoutiqueDatabase) async throws -> Order {
        let marie = try #require(try await User.query(on: database.db).filter(\.$email == "marie.dupont@demo.test").first())
        let actor = try AccountActor(marie)
        let product = try #require(try await Product.query(on: database.db).first())
        try await Cart(database: database).add(actor: actor, productID: product.id, amount: "50", quantity: "1")
        let order = try await Orders(database: database).place(actor: actor, acceptedTerms: true)
        let provider = ApprovingProvider()
        let payments = Payments(database: database, settings: PaymentSettings(providerName: "fake", provider: provider,
                                                                               publicURL: "http://127.0.0.1:8080", beneficiary: "Boutique"),
                                composer: try await MailComposer(settings: MailSettings()))
        guard case .redirect = try await payments.start(actor: actor, orderID: order.id) else { throw CancellationError() }
        let attempt = try #require(try await PaymentAttempt.query(on: database.db).filter(\.$order.$id == order.id).first())
        try await payments.check(PaymentCheck(provider: "fake", reference: attempt.reference))
        return try #require(try await Order.find(order.id, on: database.db))
    }

    @Test("the export lists order and dotation invoices in one consecutive sequence; the dashboard counts paid dotations",
          arguments: TestEngine.available)
    func sequence(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup: order, dotation (paid), order, dotation (cancelled, so its credit note follows) —
            // four invoices and a credit note from one counter
            let manager = TestBrowser(client), operatorBrowser = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            let marie = try await DotationTests.marie(database)
            let first = try await Self.paidOrder(database)
            let paid = try await manager.post("/gestion/dotations", pairs: [("event", "christmasEmployees"), ("date", "2026-12-18"),
                                                                             ("lines[]", "\(marie.uuidString):7500")])
            let paidID = try #require(paid.headers[.location]?.split(separator: "?").first?.split(separator: "/").last.map(String.init))
            _ = try await DotationTests.payByTransfer(operatorBrowser, paidID)
            let second = try await Self.paidOrder(database)
            let cancelled = try await manager.post("/gestion/dotations", pairs: [("event", "retirement"), ("date", "2026-12-18"),
                                                                                  ("lines[]", "\(marie.uuidString):4000")])
            let cancelledID = try #require(cancelled.headers[.location]?.split(separator: "?").first?.split(separator: "/").last.map(String.init))
            _ = try await manager.post("/gestion/dotations/\(cancelledID)/annuler", [:])
            let today = FrenchCalendar.today(Date())
            // act
            let csv = try await operatorBrowser.get("/admin/exports/comptabilite.csv?du=\(today.iso)&au=\(today.iso)")
            let dashboard = try await operatorBrowser.get("/admin")
            // check
            let rows = csv.text.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }.map { $0.components(separatedBy: ";") }
            let numbers = rows.compactMap { Int($0[1].dropFirst("FAC-".count)) }
            #expect(numbers == [1, 2, 3, 4, 5], "\(csv.text)")
            #expect(rows.map { $0[2] } == ["Commande", "Dotation", "Commande", "Dotation", "Avoir"])
            #expect(rows.map { $0[3] } == [first.reference, "DOT-000001", second.reference, "DOT-000002", "DOT-000002"])
            #expect(rows[4][8] == "-40,00" && rows[4][10] == "Dotation annulée" && rows[4][11] == "FAC-000004")
            #expect(rows[1][4] == "CSE Alpha Industries" && rows[1][5] == "1 salarié(s)")
            #expect(rows[1][6] == "75,00" && rows[1][7] == "0,00" && rows[1][8] == "75,00")
            #expect(rows[1][9] == "virement du \(today.french)" && rows[1][10] == "Payée, cartes en préparation")
            #expect(rows[3][8] == "40,00" && rows[3][9] == "" && rows[3][10] == "Annulée")
            #expect(rows[0][10] == "Validé" || rows[0][10] == "Activé")
            let sales = first.totalCents + second.totalCents + 7_500
            #expect(dashboard.text.contains("<td data-label=\"Rang\">1</td><td data-label=\"CSE\">CSE Alpha Industries</td>"
                                            + "<td data-label=\"Ventes\">\(Money(cents: sales).french)</td><td data-label=\"Commandes\">2</td>"
                                            + "<td data-label=\"Dotations\">1</td>"),
                    "\(dashboard.text)")
            #expect(dashboard.text.contains("<td data-label=\"Jour\">\(today.french)</td><td data-label=\"Ventes\">\(Money(cents: sales).french)</td>"
                                            + "<td data-label=\"dont dotations\">\(Money(cents: 7_500).french)</td>"))
        }
    }
}
