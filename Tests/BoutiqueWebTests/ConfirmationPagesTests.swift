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

/// A destructive action is a page that states what will happen (GET, changes nothing) and a
/// form that does it (POST, with the form token like every form); no JavaScript.
@Suite("Confirmation pages")
struct ConfirmationPagesTests {
    /// The form's target and its hidden token are on the page.
    static func confirms(_ page: TestResponse, action: String) -> Bool {
        page.text.contains("<form method=\"post\" action=\"\(action)\"") && page.text.contains("name=\"_csrf\" value=\"")
    }

    @Test("cancelling a dotation: the page states the employees, the amount and the invoice; the dotation is cancelled on confirming only",
          arguments: TestEngine.available)
    func dotation(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let manager = TestBrowser(client), operatorBrowser = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            let marie = try #require(try await User.query(on: database.db).filter(\.$email == "marie.dupont@demo.test").first())
            let created = try await manager.post("/gestion/dotations", pairs: [("event", "retirement"), ("date", "2026-12-18"),
                                                                                ("lines[]", "\(try marie.requireID().uuidString):5000")])
            let id = try #require(created.headers[.location]?.split(separator: "?").first?.split(separator: "/").last.map(String.init))
            // act
            let detail = try await manager.get("/gestion/dotations/\(id)")
            let preview = try await manager.get("/gestion/dotations/\(id)/annuler")
            let operatorPreview = try await operatorBrowser.get("/admin/dotations/\(id)/annuler")
            let before = try await Dotation.find(UUID(uuidString: id), on: database.db)?.status
            let confirmed = try await manager.post("/gestion/dotations/\(id)/annuler", [:])
            let afterwards = try await manager.get("/gestion/dotations/\(id)/annuler")
            // check
            #expect(detail.text.contains("href=\"/gestion/dotations/\(id)/annuler\"") && !detail.text.contains("action=\"/gestion/dotations/\(id)/annuler\""))
            #expect(preview.status == .ok && preview.text.contains("Annuler la dotation") && preview.text.contains("50,00\u{00A0}€"))
            #expect(preview.text.contains("marie.dupont@demo.test") && preview.text.contains("n'est plus à régler"))
            #expect(Self.confirms(preview, action: "/gestion/dotations/\(id)/annuler"))
            #expect(Self.confirms(operatorPreview, action: "/admin/dotations/\(id)/annuler"))
            #expect(before == .awaitingPayment)
            let after = try await Dotation.find(UUID(uuidString: id), on: database.db)?.status
            #expect(confirmed.status == .seeOther && after == .cancelled)
            #expect(afterwards.status == .seeOther)
        }
    }

    @Test("revoking a key: the page says what changes for new accounts; the key is revoked on confirming only", arguments: TestEngine.available)
    func key(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let manager = TestBrowser(client), other = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            _ = try await other.logIn("gestion.beta@demo.test")
            let key = try #require(try await IdentificationKey.query(on: database.db).filter(\.$code == "ALPHA-2026").first())
            let id = try key.requireID()
            // act
            let list = try await manager.get("/gestion/cles")
            let preview = try await manager.get("/gestion/cles/\(id)/revoquer")
            let foreign = try await other.get("/gestion/cles/\(id)/revoquer")
            let before = try await IdentificationKey.find(id, on: database.db)?.isRevoked
            let revoked = try await manager.post("/gestion/cles/\(id)/revoquer", [:])
            // check
            #expect(list.text.contains("href=\"/gestion/cles/\(id)/revoquer\""))
            #expect(preview.text.contains("Révoquer la clé ALPHA-2026 ?") && preview.text.contains("il ne sera plus validé automatiquement"))
            #expect(preview.text.contains("Les comptes déjà créés avec cette clé restent"))
            #expect(Self.confirms(preview, action: "/gestion/cles/\(id)/revoquer"))
            #expect(foreign.status == .notFound)
            #expect(before == false && revoked.status == .seeOther)
            #expect(try await IdentificationKey.find(id, on: database.db)?.isRevoked == true)
        }
    }

    @Test("removing a manager: the page says the account is disabled and warns about the last manager; removed on confirming only",
          arguments: TestEngine.available)
    func manager(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let operatorBrowser = TestBrowser(client)
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            let manager = try #require(try await User.query(on: database.db).filter(\.$email == "gestion.alpha@demo.test").first())
            let id = try manager.requireID(), tenant = manager.$tenant.id
            let path = "/admin/cse/\(try #require(tenant))/gestionnaires/\(id)/retirer"
            // act
            let preview = try await operatorBrowser.get(path)
            let before = try await User.find(id, on: database.db)?.status
            let removed = try await operatorBrowser.post(path, [:])
            let again = try await operatorBrowser.get(path)
            // check
            #expect(preview.text.contains("Retirer l'accès de") || preview.text.contains("Retirer l&#39;accès de"))
            #expect(preview.text.contains("gestion.alpha@demo.test") && preview.text.contains("dernier gestionnaire de ce CSE"))
            #expect(Self.confirms(preview, action: path))
            #expect(before == .active && removed.status == .seeOther)
            #expect(try await User.find(id, on: database.db)?.status == .disabled)
            #expect(again.status == .seeOther)
        }
    }
}
