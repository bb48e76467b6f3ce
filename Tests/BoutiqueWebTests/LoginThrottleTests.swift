import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The login throttle replayed as an attacker would: in parallel, and to keep someone else out.
@Suite("Login throttle")
struct LoginThrottleTests {
    @Test("40 passwords sent at once, the right one among them: at most 5 are checked, the others refused unchecked",
          arguments: TestEngine.available)
    func parallelGuesses(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup: each guess from its own browser, CSRF cookie in hand
            var browsers: [TestBrowser] = []
            for _ in 0..<40 {
                let browser = TestBrowser(client)
                _ = try await browser.get("/connexion")
                browsers.append(browser)
            }
            // act
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for (index, browser) in browsers.enumerated() {
                    group.addTask {
                        try await browser.logIn("marie.dupont@demo.test", password: index == 20 ? DemoData.password : "mauvais mot \(index)").status
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            // check: what reached bcrypt is in the log as a wrong password or a login
            let checked = try await AuditEntry.query(on: database.db)
                .filter(\.$action ~~ [AuditAction.login.rawValue, AuditAction.loginFailed.rawValue]).all()
                .filter { $0.details != "trop d'essais : refusé sans vérification" }
            #expect(checked.count <= Accounts.accountBackoff.free, "\(checked.count) checked")
            #expect(statuses.filter { $0 != .tooManyRequests }.count <= Accounts.accountBackoff.free)
            #expect(statuses.filter { $0 == .tooManyRequests }.count >= 40 - Accounts.accountBackoff.free)
        }
    }

    @Test("a stranger's wrong passwords slow the owner down with a stated wait, never shut them out: a reset link lets them in at once",
          arguments: TestEngine.available)
    func strangerCannotLockOut(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup: a stranger keeps guessing the operator's password
            let stranger = TestBrowser(client)
            for attempt in 0..<8 { _ = try await stranger.logIn("operateur@demo.test", password: "devinette \(attempt)") }
            let owner = TestBrowser(client), mail = TestMail(database: database)
            // act
            let slowed = try await owner.logIn("operateur@demo.test")
            _ = try await owner.post("/mot-de-passe/oubli", ["email": "operateur@demo.test"])
            let link = try #require(TestMail.link(in: try await mail.last(to: "operateur@demo.test"), path: "/mot-de-passe/nouveau"))
            let token = try #require(link.split(separator: "=").last.map(String.init))
            let saved = try await owner.post("/mot-de-passe/nouveau", ["token": token, "password": "une toute nouvelle phrase",
                                                                       "passwordConfirmation": "une toute nouvelle phrase"])
            let back = try await owner.logIn("operateur@demo.test", password: "une toute nouvelle phrase")
            // check
            #expect(slowed.status == .tooManyRequests)
            #expect(slowed.text.contains("Pour votre sécurité, patientez ") && slowed.text.contains(" secondes avant de réessayer, ou choisissez un nouveau mot de passe"))
            #expect(slowed.headers[.retryAfter].flatMap(Int.init).map { (1...30).contains($0) } == true)
            #expect(saved.text.contains("Votre mot de passe a été modifié."))
            #expect(back.status == .seeOther)
        }
    }
}
