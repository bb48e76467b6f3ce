import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
@testable import BoutiqueWeb
import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Operator dashboard and accounting export")
struct AdminDashboardTests {
    /// Marie's activated order (2 × 44 € + 33 €, three cards), paid now through the sandbox.
    static func paidOrder(_ database: BoutiqueDatabase) async throws -> Order {
        let order = try await MyCardsPagesTests.activatedOrder(database)
        order.validatedAt = Date()
        try await order.save(on: database.db)
        let attempt = PaymentAttempt(orderID: try order.requireID(), provider: "sandbox", reference: "sbx_ref_42",
                                     amountCents: order.totalCents, currency: "EUR")
        attempt.status = "succeeded"
        try await attempt.create(on: database.db)
        return order
    }

    @Test("the dashboard draws four 30-bar charts and ranks the CSE that sold", arguments: TestEngine.available)
    func dashboard(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let order = try await Self.paidOrder(database)
            let operatorBrowser = TestBrowser(client)
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            // act
            let page = try await operatorBrowser.get("/admin")
            // check
            #expect(page.status == .ok)
            #expect(page.text.components(separatedBy: "<svg ").count - 1 == 4)
            #expect(page.text.components(separatedBy: "<rect class=\"bar\"").count - 1 == 4 * 30)
            #expect(page.text.contains("role=\"img\"") && page.text.contains("<title id=\"ventes-title\">Ventes par jour"))
            #expect(page.text.contains("CSE Alpha Industries") && page.text.contains(Money(cents: order.totalCents).french))
            #expect(page.text.contains("Export comptable"))
        }
    }

    @Test("the accounting CSV has a row per invoice, French amounts, a BOM and defused cells", arguments: TestEngine.available)
    func accounting(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let order = try await Self.paidOrder(database)
            try await Tenant.query(on: database.db).filter(\.$slug == "alpha").set(\.$name, to: "=HYPERLINK(\"x\";1)").update()
            let operatorBrowser = TestBrowser(client)
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            let today = FrenchCalendar.today(Date())
            // act
            let csv = try await operatorBrowser.get("/admin/exports/comptabilite.csv?du=\(today.addingDays(-1).iso)&au=\(today.iso)")
            let empty = try await operatorBrowser.get("/admin/exports/comptabilite.csv?du=2020-01-01&au=2020-01-31")
            let wrong = try await operatorBrowser.get("/admin/exports/comptabilite.csv?du=2026-13-01&au=hier")
            // check
            let lines = csv.text.components(separatedBy: "\r\n")
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.text.hasPrefix("\u{FEFF}Date;Facture;Type;Commande ou dotation;CSE;Salarié;Valeur faciale;Remise;Montant facturé;"
                                       + "Référence paiement;Statut"))
            #expect(lines.count == 3 && lines[2].isEmpty)
            let cells = lines[1].replacingOccurrences(of: "\"'=HYPERLINK(\"\"x\"\";1)\"", with: "CSE").components(separatedBy: ";")
            #expect(cells[0] == today.french && cells[1] == "FAC-000001" && cells[2] == "Commande" && cells[3] == order.reference)
            #expect(lines[1].contains(";\"'=HYPERLINK(\"\"x\"\";1)\";"))
            #expect(lines[1].contains("Marie"))
            #expect(cells[6] == "121,00" && cells[8] == Money(cents: order.totalCents).decimal.replacingOccurrences(of: ".", with: ","))
            #expect(cells[9] == "sandbox sbx_ref_42" && cells[10] == "Activé")
            #expect(empty.text.components(separatedBy: "\r\n").count == 2)
            #expect(wrong.status == .unprocessableContent && wrong.text.contains("AAAA-MM-JJ"))
            #expect(try await AuditEntry.query(on: database.db).filter(\.$action == AuditAction.accountingExported.rawValue).count() == 2)
        }
    }

    @Test("a bar chart has one bar per value, round French axis labels and a title for each bar")
    func chart() {
        // setup
        let chart = BarChart(id: "test", title: "Ventes", unit: .cents,
                             bars: [.init(label: "01/11", value: 15_200), .init(label: "02/11", value: 0), .init(label: "03/11", value: 123_456)])
        // act
        let svg = chart.svg
        // check
        #expect(svg.components(separatedBy: "<rect class=\"bar\"").count - 1 == 3)
        #expect(svg.contains("<title>01/11 : 152\u{00A0}€</title>"))
        #expect(svg.contains("<title>03/11 : 1\u{202F}234,56\u{00A0}€</title>"))
        #expect(svg.contains(">2\u{202F}000\u{00A0}€</text>"))
        #expect(!svg.contains("style="))
        #expect(BarChart.niceMaximum(123_456) == 200_000 && BarChart.niceMaximum(0) == 4 && BarChart.niceMaximum(7) == 8)
        #expect(BarChart(id: "n", title: "N", unit: .count, bars: [.init(label: "a", value: 12_345)]).format(12_345) == "12\u{202F}345")
    }
}
