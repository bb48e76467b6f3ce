import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Operator orders: search and pages")
struct AdminOrdersSearchTests {
    /// `count` orders of Marie (CSE Alpha), numbered from 1, every third one refunded, then two of
    /// Paul (CSE Beta) numbered after them.
    static func orders(_ count: Int, _ database: BoutiqueDatabase) async throws {
        let marie = try #require(try await User.query(on: database.db).filter(\.$email == "marie.dupont@demo.test").first())
        let paul = try #require(try await User.query(on: database.db).filter(\.$email == "paul.martin@demo.test").first())
        var orders: [Order] = []
        for number in 1...count {
            orders.append(Order(number: number, tenantID: try #require(marie.$tenant.id), userID: try marie.requireID(),
                                status: number % 3 == 0 ? .refunded : .activated, faceTotalCents: 5_000, totalCents: 4_750,
                                savingsCents: 250, termsAcceptedAt: Date()))
        }
        for number in (count + 1)...(count + 2) {
            orders.append(Order(number: number, tenantID: try #require(paul.$tenant.id), userID: try paul.requireID(), status: .validated,
                                faceTotalCents: 2_000, totalCents: 1_900, savingsCents: 100, termsAcceptedAt: Date()))
        }
        for order in orders { try await order.create(on: database.db) }
    }

    static func references(_ page: TestResponse) -> [String] {
        page.text.components(separatedBy: "\">CMD-").dropFirst().map { "CMD-" + $0.prefix(6) }
    }

    @Test("fifty orders a page, newest first, with « Précédentes / Suivantes » that keep the search", arguments: TestEngine.available)
    func pages(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup: 118 orders of Marie and 2 of Paul, 120 in all
            try await Self.orders(118, database)
            let operatorBrowser = TestBrowser(client)
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            // act
            let first = try await operatorBrowser.get("/admin/commandes")
            let second = try await operatorBrowser.get("/admin/commandes?page=2")
            let last = try await operatorBrowser.get("/admin/commandes?page=3")
            let refunded = try await operatorBrowser.get("/admin/commandes?statut=refunded&page=2")
            // check
            #expect(Self.references(first).count == 50 && Self.references(first).first == "CMD-000120")
            #expect(first.text.contains("120 commande(s), page 1 sur 3"))
            #expect(first.text.contains("href=\"/admin/commandes?page=2\" rel=\"next\">Suivantes »") && !first.text.contains("Précédentes"))
            #expect(Self.references(second).first == "CMD-000070" && Self.references(second).last == "CMD-000021")
            #expect(second.text.contains("« Précédentes") && second.text.contains("Suivantes »"))
            #expect(Self.references(last).count == 20 && Self.references(last).last == "CMD-000001" && !last.text.contains("Suivantes"))
            // 39 refunded orders (every third of 118): the second page holds the last 0 … the pager keeps the status
            #expect(Self.references(refunded).isEmpty && refunded.text.contains("Aucune commande trouvée"))
            #expect(refunded.text.contains("href=\"/admin/commandes?statut=refunded&amp;page=1\" rel=\"prev\">« Précédentes"))
            if HTMLValidityTests.tidyAvailable {
                for page in [first, second] {
                    #expect(try await HTMLValidityTests.tidyErrors(page.text) == "")
                    #expect(HTMLValidityTests.unlabelledFields(page.text).isEmpty)
                }
            }
        }
    }

    @Test("the search finds orders by number, customer e-mail or name, CSE and status", arguments: TestEngine.available)
    func search(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            try await Self.orders(60, database)
            let beta = try await AccountFlowTests.tenantID("beta", database)
            let operatorBrowser = TestBrowser(client)
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            // act
            let byNumber = try await operatorBrowser.get("/admin/commandes?q=CMD-000042")
            let byPartialNumber = try await operatorBrowser.get("/admin/commandes?q=00005")
            let byEmail = try await operatorBrowser.get("/admin/commandes?q=PAUL.MARTIN%40demo")
            let byName = try await operatorBrowser.get("/admin/commandes?q=martin%20paul")
            let byTenant = try await operatorBrowser.get("/admin/commandes?cse=\(beta.uuidString)")
            let byStatusAndName = try await operatorBrowser.get("/admin/commandes?q=dupont&statut=refunded")
            let nothing = try await operatorBrowser.get("/admin/commandes?q=%25%25")
            // check
            #expect(Self.references(byNumber) == ["CMD-000042"])
            #expect(Self.references(byPartialNumber) == ["CMD-000059", "CMD-000058", "CMD-000057", "CMD-000056", "CMD-000055", "CMD-000054",
                                                          "CMD-000053", "CMD-000052", "CMD-000051", "CMD-000050", "CMD-000005"])
            #expect(Self.references(byEmail) == ["CMD-000062", "CMD-000061"])
            #expect(Self.references(byName) == ["CMD-000062", "CMD-000061"])
            #expect(Self.references(byTenant) == ["CMD-000062", "CMD-000061"])
            #expect(byTenant.text.contains("<option value=\"\(beta.uuidString)\" selected>CSE Bêta Logistique</option>"))
            #expect(Self.references(byStatusAndName).count == 20 && !byStatusAndName.text.contains("Activé</td>"))
            #expect(byStatusAndName.text.contains("<option value=\"refunded\" selected>Remboursée</option>"))
            #expect(byStatusAndName.text.contains("value=\"dupont\""))
            #expect(Self.references(nothing).isEmpty && nothing.text.contains("Aucune commande trouvée"))
        }
    }

    @Test("only the operator searches the orders; a manager's search through the use case stays in their CSE", arguments: TestEngine.available)
    func scope(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            try await Self.orders(3, database)
            let manager = TestBrowser(client), employee = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            _ = try await employee.logIn("marie.dupont@demo.test")
            let managerUser = try #require(try await User.query(on: database.db).filter(\.$email == "gestion.alpha@demo.test").first())
            let marie = try #require(try await User.query(on: database.db).filter(\.$email == "marie.dupont@demo.test").first())
            let beta = try await AccountFlowTests.tenantID("beta", database)
            let search = OrderSearch(database: database)
            // act
            let byManager = try await manager.get("/admin/commandes?q=martin")
            let byEmployee = try await employee.get("/admin/commandes?q=martin")
            let managerAsksBeta = try await search.search(actor: try AccountActor(managerUser), .init(tenantID: beta))
            let employeeSearch = try await search.search(actor: try AccountActor(marie), .init())
            // check
            #expect(byManager.status == .forbidden && byEmployee.status == .forbidden)
            #expect(managerAsksBeta.orders.map(\.reference) == ["CMD-000003", "CMD-000002", "CMD-000001"])
            #expect(employeeSearch.orders.isEmpty && employeeSearch.total == 0)
        }
    }
}
