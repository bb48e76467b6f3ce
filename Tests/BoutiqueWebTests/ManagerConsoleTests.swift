import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import BoutiqueWeb
import FluentKit
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Manager dashboard and exports")
struct ManagerConsoleTests {
    @Test("the dashboard counts this month's paid orders and cards, with a 30-bar chart", arguments: TestEngine.available)
    func dashboard(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            _ = try await MyCardsPagesTests.activatedOrder(database)
            try await Order.query(on: database.db).set(\.$validatedAt, to: Date()).update()
            let manager = TestBrowser(client), otherManager = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            _ = try await otherManager.logIn("gestion.beta@demo.test")
            let page = try await manager.get("/gestion")
            let other = try await otherManager.get("/gestion")
            #expect(page.status == .ok)
            #expect(page.text.contains("<span>Commandes payées ce mois-ci</span><strong>1</strong>"))
            #expect(page.text.contains("<span>e-Cartes émises ce mois-ci</span><strong>3</strong>"))
            #expect(page.text.components(separatedBy: "<rect class=\"bar\"").count - 1 == 30)
            #expect(page.text.contains("role=\"img\""))
            #expect(other.text.contains("<span>Commandes payées ce mois-ci</span><strong>0</strong>"))
            #expect(other.text.contains("Aucune commande payée ces 30 derniers jours.") && !other.text.contains("<svg"))
            #expect(page.text.contains("<a href=\"/gestion\">Gestion</a>"))
        }
    }

    @Test("the CSV exports hold the manager's CSE only, card numbers masked, formulas neutralised", arguments: TestEngine.available)
    func exports(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let order = try await MyCardsPagesTests.activatedOrder(database)
            let marie = try #require(try await User.query(on: database.db).filter(\.$email == "marie.dupont@demo.test").first())
            marie.lastName = "=HYPERLINK(\"http://x\")"
            try await marie.save(on: database.db)
            let secrets = try #require(testCardSecrets)
            let card = try #require(try await CardLedger.cards(ownerID: order.$user.id, on: database.sql).first)
            let number = try secrets.number(of: card)
            let manager = TestBrowser(client), otherManager = TestBrowser(client), employee = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            _ = try await otherManager.logIn("gestion.beta@demo.test")
            _ = try await employee.logIn("marie.dupont@demo.test")
            // act
            let employees = try await manager.get("/gestion/exports/salaries.csv")
            let orders = try await manager.get("/gestion/exports/commandes.csv")
            let cards = try await manager.get("/gestion/exports/cartes.csv")
            let dotations = try await manager.get("/gestion/exports/dotations.csv")
            let otherOrders = try await otherManager.get("/gestion/exports/commandes.csv")
            // check
            #expect(employees.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(employees.text.hasPrefix("\u{FEFF}Nom;Prénom;E-mail"))
            #expect(employees.text.contains("'=HYPERLINK(\"\"http://x\"\")") && !employees.text.contains("paul.martin"))
            #expect(orders.text.contains(order.reference) && orders.text.contains(";121,00;"))
            #expect(orders.text.contains("Activé"))
            #expect(cards.text.contains("****\(number.last4)") && !cards.text.contains(number.digits))
            #expect(cards.text.components(separatedBy: "\r\n").count == 5)
            #expect(dotations.text.hasPrefix("\u{FEFF}Dotation;Évènement"))
            #expect(!otherOrders.text.contains(order.reference))
            #expect(try await employee.get("/gestion/exports/cartes.csv").status == .forbidden)
            #expect(try await manager.get("/gestion/exports/autre.csv").status == .notFound)
        }
    }
}
