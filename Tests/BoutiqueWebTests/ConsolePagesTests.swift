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

@Suite("Console pages")
struct ConsolePagesTests {
    @Test("a manager finds, disables and re-enables an employee of their CSE only; a disabled employee is logged out",
          arguments: TestEngine.available)
    func employees(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let manager = TestBrowser(client), other = TestBrowser(client), marie = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            _ = try await other.logIn("gestion.beta@demo.test")
            _ = try await marie.logIn("marie.dupont@demo.test")
            let id = try #require(try await User.query(on: database.db).filter(\.$email == "marie.dupont@demo.test").first()?.id)
            // act
            let list = try await manager.get("/gestion/salaries?q=dupont")
            let foreign = try await other.post("/gestion/salaries/\(id)/desactiver", [:])
            let disabled = try await manager.post("/gestion/salaries/\(id)/desactiver", [:])
            let marieAfter = try await marie.get("/compte")
            let login = try await TestBrowser(client).logIn("marie.dupont@demo.test")
            let enabled = try await manager.post("/gestion/salaries/\(id)/reactiver", [:])
            // check
            #expect(list.text.contains("marie.dupont@demo.test") && list.text.contains("Actif"))
            #expect(!(try await other.get("/gestion/salaries")).text.contains("marie.dupont@demo.test"))
            #expect(foreign.status == .notFound)
            #expect(disabled.status == .seeOther)
            #expect(marieAfter.headers[.location] == "/connexion?retour=/compte")
            #expect(login.text.contains("Votre compte est désactivé."))
            #expect(enabled.status == .seeOther)
            #expect(try await User.find(id, on: database.db)?.status == .active)
        }
    }

    @Test("the operator sees the jobs and retries a dead one; a manager sees their CSE's orders only", arguments: [TestEngine.sqlite])
    func jobsAndOrders(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let queue = JobQueue(database: database)
            let id = try #require(try await queue.enqueue(NewJob(kind: "mail.send", payload: "{}", maxAttempts: 1)))
            let job = try #require(try await queue.claim(worker: "w", limit: 1, lease: .seconds(30)).first)
            try await queue.fail(job, worker: "w", error: "550 boîte inconnue", retryAt: nil)
            _ = try await MyCardsPagesTests.activatedOrder(database)
            let operatorBrowser = TestBrowser(client), alpha = TestBrowser(client), beta = TestBrowser(client)
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            _ = try await alpha.logIn("gestion.alpha@demo.test")
            _ = try await beta.logIn("gestion.beta@demo.test")
            // act
            let jobs = try await operatorBrowser.get("/admin/travaux")
            let retried = try await operatorBrowser.post("/admin/travaux/\(id)/relancer", [:])
            // check
            #expect(jobs.text.contains("550 boîte inconnue") && jobs.text.contains("Relancer"))
            #expect(retried.headers[.location] == "/admin/travaux?ok=relance")
            #expect(try await queue.list(states: [.pending]).map(\.id).contains(id))
            #expect(try await alpha.get("/admin/travaux").status == .forbidden)
            #expect(try await alpha.get("/gestion/commandes").text.contains("CMD-000001"))
            #expect(!(try await beta.get("/gestion/commandes")).text.contains("CMD-000001"))
        }
    }
}

@Suite("Audit log")
struct AuditLogTests {
    @Test("sensitive actions are logged with who, what, when and from where; a manager sees their CSE's part only",
          arguments: TestEngine.available)
    func log(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let id = try await AccountSecurityTests.pendingUser("alpha", database)
            let alpha = TestBrowser(client), beta = TestBrowser(client), operatorBrowser = TestBrowser(client)
            _ = try await alpha.logIn("gestion.alpha@demo.test")
            _ = try await beta.logIn("gestion.beta@demo.test")
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            // act
            try await alpha.post("/gestion/comptes/\(id)/valider", [:])
            try await alpha.post("/gestion/cles", ["code": "AUDIT-2026", "label": "Audit"])
            let alphaLog = try await alpha.get("/gestion/journal")
            let betaLog = try await beta.get("/gestion/journal")
            let operatorLog = try await operatorBrowser.get("/admin/journal")
            // check
            #expect(alphaLog.text.contains("Compte validé") && alphaLog.text.contains("gestion.alpha@demo.test"))
            #expect(alphaLog.text.contains("Clé créée") && alphaLog.text.contains("AUDIT-2026"))
            #expect(!betaLog.text.contains("Compte validé"))
            #expect(operatorLog.text.contains("Compte validé") && operatorLog.text.contains("Clé créée"))
            #expect(try await AuditEntry.query(on: database.db).filter(\.$action !~ [AuditAction.login.rawValue, AuditAction.loginFailed.rawValue]).count() == 2)
            #expect(try await alpha.get("/admin/journal").status == .forbidden)
        }
    }
}
