import BoutiqueCore
import BoutiqueTestSupport
import Foundation
import Testing

/// What a person types in a search box is searched for as text: `%` and `_` are no wildcards.
@Suite("Search patterns")
struct SearchPatternTests {
    @Test("the employee search finds « DUPONT » in any case, and « % » or « _ » match nobody", arguments: TestEngine.available)
    func employees(engine: TestEngine) async throws {
        try await withShop(engine) { client, _ in
            let manager = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            let byName = try await manager.get("/gestion/salaries?q=DUPONT")
            let percent = try await manager.get("/gestion/salaries?q=%25")
            let underscore = try await manager.get("/gestion/salaries?q=_")
            #expect(byName.text.contains("marie.dupont@demo.test"))
            for page in [percent, underscore] {
                #expect(page.status == .ok && page.text.contains("Aucun salarié trouvé.") && !page.text.contains("marie.dupont@demo.test"))
            }
        }
    }
}
