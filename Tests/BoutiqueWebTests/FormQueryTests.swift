import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
@testable import BoutiqueWeb
import Testing

/// A GET form sends « Le Mans » as `q=Le+Mans`: every search of the shop reads it back as typed.
@Suite("GET searches: the query as forms send it")
struct FormQueryTests {
    /// Marie Dupont of CSE Alpha becomes Marie Le Mans, so the people and orders searches have a
    /// « Le Mans » to find.
    static func marieLeMans(_ database: BoutiqueDatabase) async throws {
        let marie = try #require(try await User.query(on: database.db).filter(\.$email == "marie.dupont@demo.test").first())
        marie.lastName = "Le Mans"
        try await marie.save(on: database.db)
    }

    @Test("`+` is a space, `%2B` a plus sign, escapes are decoded, a bad escape keeps the text")
    func decoding() {
        let query = FormQuery("q=Le+Mans&email=marie%2Bcse%40demo.test&ville=Saint-%C3%89tienne&vide=&seul&bad=100%zz")
        #expect(query.get("q") == "Le Mans")
        #expect(query.get("email") == "marie+cse@demo.test")
        #expect(query.get("ville") == "Saint-Étienne")
        #expect(query.get("vide") == "" && query.get("seul") == "")
        #expect(query.get("bad") == "100%zz")
        #expect(query.get("absent") == nil && FormQuery(nil).get("q") == nil)
    }

    @Test("no handler reads Hummingbird's query values, which keep the `+`, around `formQuery`")
    func oneDecoder() throws {
        let web = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/BoutiqueWeb").standardized
        let files = try #require(FileManager.default.enumerator(atPath: web.path)).compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        #expect(files.count > 20)
        let readers = try files.filter { file in
            let text = try String(contentsOf: web.appendingPathComponent(file), encoding: .utf8)
            return !file.hasSuffix("FormQuery.swift") && text.contains(".queryParameters")
        }
        #expect(readers.isEmpty, "\(readers)")
    }

    @Test("the store finder finds « Le Mans » typed with a space", arguments: TestEngine.available)
    func stores(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            try await DemoStores.seedIfEmpty(database)
            let page = try await TestBrowser(client).get("/magasins?q=Le+Mans")
            #expect(page.text.contains("Magasins les plus proches de Le Mans"))
            #expect(page.text.contains("Maison Lumière Le Mans") && page.text.contains("72000 Le Mans"))
            #expect(page.text.contains("value=\"Le Mans\""))
        }
    }

    @Test("the manager's employees search finds « Le Mans » typed with a space", arguments: TestEngine.available)
    func employees(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            try await Self.marieLeMans(database)
            let manager = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            let page = try await manager.get("/gestion/salaries?q=Le+Mans")
            #expect(page.text.contains("marie.dupont@demo.test") && !page.text.contains("Aucun salarié trouvé."))
        }
    }

    @Test("the operator's orders search finds « Le Mans » typed with a space", arguments: TestEngine.available)
    func orders(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            try await AdminOrdersSearchTests.orders(2, database)
            try await Self.marieLeMans(database)
            let operatorBrowser = TestBrowser(client)
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            let page = try await operatorBrowser.get("/admin/commandes?q=Le+Mans")
            // Marie's two orders, not Paul's two
            #expect(AdminOrdersSearchTests.references(page) == ["CMD-000002", "CMD-000001"])
            #expect(page.text.contains("value=\"Le Mans\""))
        }
    }

    @Test("the operator's stores search finds « Le Mans » typed with a space", arguments: TestEngine.available)
    func operatorStores(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            try await DemoStores.seedIfEmpty(database)
            let operatorBrowser = TestBrowser(client)
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            let page = try await operatorBrowser.get("/admin/magasins?q=Le+Mans")
            #expect(page.text.contains("4 magasins sur 320."))
            #expect(page.text.contains("DEMO-72000-1") && !page.text.contains("DEMO-44000-1"))
        }
    }
}
