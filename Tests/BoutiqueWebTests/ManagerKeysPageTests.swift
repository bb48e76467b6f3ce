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
}
