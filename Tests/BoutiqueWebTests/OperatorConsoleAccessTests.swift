import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Operator console: access")
struct OperatorConsoleAccessTests {
    /// Every page of the operator's console, with a real CSE and product in the paths.
    static func pages(_ database: BoutiqueDatabase) async throws -> [String] {
        let tenant = try #require(try await Tenant.query(on: database.db).filter(\.$slug == "alpha").first())
        let product = try #require(try await Product.query(on: database.db).first())
        return ["/admin", "/admin/cse", "/admin/cse/\(try tenant.requireID())", "/admin/produits", "/admin/produits/\(try product.requireID())",
                "/admin/magasins", "/admin/caisses", "/admin/exports/comptabilite.csv",
                "/admin/encours", "/admin/exports/encours.csv", "/admin/exports/fec.txt"]
    }

    @Test("the operator opens every page; an employee and a manager get 403, a visitor the login page", arguments: TestEngine.available)
    func matrix(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let pages = try await Self.pages(database)
            let operatorBrowser = TestBrowser(client), manager = TestBrowser(client), employee = TestBrowser(client)
            let visitor = TestBrowser(client)
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            _ = try await manager.logIn("gestion.alpha@demo.test")
            _ = try await employee.logIn("marie.dupont@demo.test")
            for page in pages {
                // act
                let asOperator = try await operatorBrowser.get(page)
                let asManager = try await manager.get(page)
                let asEmployee = try await employee.get(page)
                let asVisitor = try await visitor.get(page)
                // check
                #expect(asOperator.status == .ok, "\(page)")
                #expect(asManager.status == .forbidden, "\(page)")
                #expect(asEmployee.status == .forbidden, "\(page)")
                #expect(asVisitor.status == .seeOther && asVisitor.headers[.location] == "/connexion", "\(page)")
            }
        }
    }

    @Test("a manager's or a visitor's form to the console changes nothing", arguments: TestEngine.available)
    func actions(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let manager = TestBrowser(client), visitor = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            let form = ["name": "CSE Pirate", "slug": "pirate", "contactEmail": "cse@pirate.test"]
            // act
            let byManager = try await manager.post("/admin/cse", form)
            let byVisitor = try await visitor.post("/admin/cse", form)
            let withoutToken = try await manager.post("/admin/caisses", ["name": "Pirate"], csrf: "")
            // check
            #expect(byManager.status == .forbidden)
            #expect(byVisitor.headers[.location] == "/connexion")
            #expect(withoutToken.status == .forbidden)
            #expect(try await Tenant.query(on: database.db).filter(\.$slug == "pirate").count() == 0)
            #expect(try await POSClients(database: database).list().isEmpty)
        }
    }

    @Test("the operator's pages link each other and the header leads to them; a manager's header does not")
    func navigation() async throws {
        try await withShop(.sqlite) { client, _ in
            // setup
            let operatorBrowser = TestBrowser(client), manager = TestBrowser(client)
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            _ = try await manager.logIn("gestion.alpha@demo.test")
            // act
            let pages = try await [operatorBrowser.get("/admin/commandes"), operatorBrowser.get("/admin/travaux"),
                                   operatorBrowser.get("/admin/journal"), operatorBrowser.get("/admin/cse")]
            let managerLog = try await manager.get("/gestion/journal")
            // check
            for page in pages {
                #expect(page.text.contains("<a href=\"/admin\">Administration</a>"))
                #expect(page.text.contains("<a href=\"/admin/caisses\">Caisses</a>"))
            }
            #expect(!managerLog.text.contains("/admin/caisses") && !managerLog.text.contains(">Administration<"))
        }
    }

    @Test("each page of the operator's console is valid HTML with labelled fields",
          .enabled(if: HTMLValidityTests.tidyAvailable || ProcessInfo.processInfo.environment["CI"] == "true"))
    func validHTML() async throws {
        try await withShop(.sqlite) { client, database in
            // setup
            let order = try await AdminDashboardTests.paidOrder(database)
            try await DemoStores.seedIfEmpty(database)
            _ = try await POSClients(database: database).create(actor: .commandLine, name: "Maison Lumière", storeCodes: ["ML-1"])
            let operatorBrowser = TestBrowser(client)
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            let pages = try await Self.pages(database).filter { !$0.hasSuffix(".csv") && !$0.hasSuffix(".txt") } + ["/admin/commandes/\(try order.requireID())"]
            for path in pages {
                // act
                let page = try await operatorBrowser.get(path)
                // check
                #expect(try await HTMLValidityTests.tidyErrors(page.text) == "", "\(path)")
                #expect(HTMLValidityTests.unlabelledFields(page.text).isEmpty, "\(path): \(HTMLValidityTests.unlabelledFields(page.text))")
            }
        }
    }
}
