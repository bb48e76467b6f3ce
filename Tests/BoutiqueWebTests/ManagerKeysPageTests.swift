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

@Suite("Identification keys")
struct ManagerKeysPageTests {
    @Test("a manager creates and revokes keys of their CSE; a revoked key no longer approves; another CSE's key is a 404",
          arguments: TestEngine.available)
    func keys(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let manager = TestBrowser(client), other = TestBrowser(client), employee = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            _ = try await other.logIn("gestion.beta@demo.test")
            _ = try await employee.logIn("marie.dupont@demo.test")
            // act
            let created = try await manager.post("/gestion/cles", ["code": "noel-2026", "label": "Arbre de Noël", "autoApprove": "on"])
            let drawn = try await manager.post("/gestion/cles", ["code": "", "label": "Tirée au sort"])
            let zero = try await manager.post("/gestion/cles", ["code": "0", "label": "Zéro"])
            let duplicate = try await manager.post("/gestion/cles", ["code": "NOEL-2026", "label": "Encore"])
            let key = try #require(try await IdentificationKey.query(on: database.db).filter(\.$code == "NOEL-2026").first())
            let foreign = try await other.post("/gestion/cles/\(try key.requireID())/revoquer", [:])
            let revoked = try await manager.post("/gestion/cles/\(try key.requireID())/revoquer", [:])
            let page = try await manager.get("/gestion/cles")
            let mail = TestMail(database: database)
            let alpha = try await AccountFlowTests.tenantID("alpha", database)
            try await TestBrowser(client).post("/compte/creer", AccountFlowTests.registration(email: "tard@alpha.test", key: "NOEL-2026", tenant: alpha))
            let verify = try #require(TestMail.link(in: try await mail.last(to: "tard@alpha.test"), path: "/compte/valider"))
            let outcome = try await TestBrowser(client).get(verify)
            // check
            #expect(created.status == .seeOther && drawn.status == .seeOther)
            #expect(zero.status == .unprocessableContent && duplicate.text.contains("existe déjà"))
            #expect(foreign.status == .notFound)
            #expect(revoked.status == .seeOther)
            #expect(page.text.contains("NOEL-2026") && page.text.contains("Révoquée") && page.text.contains("ALPHA-2026"))
            #expect(!(try await other.get("/gestion/cles")).text.contains("NOEL-2026"))
            #expect(outcome.text.contains("attend maintenant la validation de votre CSE"))
            #expect(try await employee.get("/gestion/cles").status == .forbidden)
            let codes = try await IdentificationKey.query(on: database.db).filter(\.$label == "Tirée au sort").first()?.code
            #expect(codes?.count == 14)
        }
    }

    /// Registers `email` in the CSE `slug` with `key` and follows the verification link: the page's title.
    static func register(_ client: some TestClientProtocol, database: BoutiqueDatabase, email: String, key: String, slug: String) async throws -> String {
        let tenant = try await AccountFlowTests.tenantID(slug, database)
        try await TestBrowser(client).post("/compte/creer", AccountFlowTests.registration(email: email, key: key, tenant: tenant))
        let verify = try #require(TestMail.link(in: try await TestMail(database: database).last(to: email), path: "/compte/valider"))
        return try await TestBrowser(client).get(verify).text
    }

    @Test("a key's automatic approval applies only where the CSE's « Validation des comptes » allows it, and the key page says so",
          arguments: TestEngine.available)
    func tenantDecides(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup: Alpha validates by key (the demo's choice), Bêta by its manager
            let alphaManager = TestBrowser(client), betaManager = TestBrowser(client)
            _ = try await alphaManager.logIn("gestion.alpha@demo.test")
            _ = try await betaManager.logIn("gestion.beta@demo.test")
            // act
            let created = try await betaManager.post("/gestion/cles", ["code": "BETA-AUTO", "label": "Affiche", "autoApprove": "on"])
            let betaPage = try await betaManager.get("/gestion/cles")
            let alphaPage = try await alphaManager.get("/gestion/cles")
            let inBeta = try await Self.register(client, database: database, email: "auto@beta.test", key: "BETA-AUTO", slug: "beta")
            let inAlpha = try await Self.register(client, database: database, email: "auto@alpha.test", key: "ALPHA-2026", slug: "alpha")
            // check
            #expect(created.status == .seeOther)
            #expect(betaPage.text.contains("<strong>par le gestionnaire</strong>") && betaPage.text.contains("Oui, sans effet"))
            #expect(alphaPage.text.contains("<strong>par clé</strong>") && !alphaPage.text.contains("sans effet"))
            #expect(inBeta.contains("attend maintenant la validation de votre CSE"))
            #expect(inAlpha.contains("Compte validé"))
            #expect(try await User.query(on: database.db).filter(\.$email == "auto@beta.test").first()?.status == .pending)
            #expect(try await User.query(on: database.db).filter(\.$email == "auto@alpha.test").first()?.status == .active)
        }
    }
}
