import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// The audit log as the use cases write it: coded actions with their French labels, readable
/// targets, logins and failed logins, each entry in the transaction of its action.
@Suite("Audit trail")
struct AuditTrailTests {
    @Test("logins and failed logins are in the operator's log, with the address; a CSE's managers do not see their employees'",
          arguments: TestEngine.available)
    func logins(engine: TestEngine) async throws {
        try await withShop(engine) { client, _ in
            // setup
            let visitor = TestBrowser(client), employee = TestBrowser(client)
            let manager = TestBrowser(client), operatorBrowser = TestBrowser(client)
            // act
            _ = try await visitor.logIn("marie.dupont@demo.test", password: "pas-le-bon-mot-de-passe")
            _ = try await visitor.logIn("personne@nulle-part.test", password: "nimporte-quoi-123")
            _ = try await employee.logIn("marie.dupont@demo.test")
            _ = try await manager.logIn("gestion.alpha@demo.test")
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            let operatorLog = try await operatorBrowser.get("/admin/journal").text
            let managerLog = try await manager.get("/gestion/journal").text
            // check
            #expect(operatorLog.contains("Échec de connexion") && operatorLog.contains("mot de passe erroné"))
            #expect(operatorLog.contains("personne@nulle-part.test") && operatorLog.contains("adresse inconnue"))
            #expect(operatorLog.contains("Connexion") && operatorLog.contains("marie.dupont@demo.test"))
            #expect(!managerLog.contains("marie.dupont@demo.test") && !managerLog.contains("Connexion"))
        }
    }

    @Test("an action and its entry are one transaction: when the entry cannot be written, the key is not created either",
          arguments: TestEngine.available)
    func oneTransaction(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup: a manager on the keys page; then the log's table fails
            let manager = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            try await database.sql.raw("ALTER TABLE audit_log RENAME TO audit_log_away").run()
            // act
            let response = try await manager.post("/gestion/cles", ["code": "SANS-TRACE", "label": "Sans trace"])
            // check
            #expect(response.status == .internalServerError)
            #expect(try await IdentificationKey.query(on: database.db).filter(\.$code == "SANS-TRACE").count() == 0)
        }
    }

    @Test("entries store a stable code and name their target readably: the key's code, not its id", arguments: [TestEngine.sqlite])
    func codedAndReadable(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let manager = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            try await manager.post("/gestion/cles", ["code": "LISIBLE-1", "label": "Lisible"])
            let key = try #require(try await IdentificationKey.query(on: database.db).filter(\.$code == "LISIBLE-1").first())
            // act
            try await manager.post("/gestion/cles/\(try key.requireID())/revoquer", [:])
            // check
            let entries = try await AuditEntry.query(on: database.db).filter(\.$action ~~ [AuditAction.keyCreated.rawValue,
                                                                                          AuditAction.keyRevoked.rawValue]).all()
            #expect(entries.count == 2 && entries.allSatisfy { $0.target == "LISIBLE-1" && $0.actorEmail == "gestion.alpha@demo.test" })
            #expect(AuditAction.allCases.allSatisfy { !$0.label.isEmpty && AuditAction.label(of: $0.rawValue) == $0.label })
        }
    }
}
