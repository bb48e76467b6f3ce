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

@Suite("Registration privacy")
struct RegistrationPrivacyTests {
    /// The page without its CSRF tokens, which differ from one browser to the next.
    static func withoutTokens(_ text: String) -> String {
        text.replacing(#/name="_csrf" value="[^"]*"/#, with: "name=\"_csrf\"")
    }

    @Test("registering a new address, an employee's or a staff member's answers the same page; the owner gets « Vous avez déjà un compte » and nothing of theirs changes",
          arguments: TestEngine.available)
    func sameAnswer(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let mail = TestMail(database: database)
            let alpha = try await AccountFlowTests.tenantID("alpha", database)
            let marieBefore = try #require(try await User.query(on: database.db).filter(\.$email == "marie.dupont@demo.test").first())
            let usersBefore = try await User.query(on: database.db).count()
            // act
            var answers: [TestResponse] = []
            for email in ["nouvelle@alpha.test", "marie.dupont@demo.test", "gestion.alpha@demo.test", "Operateur@demo.test"] {
                answers.append(try await TestBrowser(client).post("/compte/creer", AccountFlowTests.registration(email: email, tenant: alpha)))
            }
            // check: one status, one body
            #expect(Set(answers.map(\.status)) == [.ok])
            #expect(Set(answers.map { Self.withoutTokens($0.text) }).count == 1)
            #expect(answers[0].text.contains(AccountMessages.registered.prefix(40)))
            // only the new address got an account; the others are as they were
            #expect(try await User.query(on: database.db).count() == usersBefore + 1)
            let marieAfter = try #require(try await User.find(marieBefore.id, on: database.db))
            #expect(marieAfter.passwordHash == marieBefore.passwordHash && marieAfter.firstName == marieBefore.firstName
                    && marieAfter.status == marieBefore.status && marieAfter.$tenant.id == marieBefore.$tenant.id)
            #expect(try await TestBrowser(client).logIn("marie.dupont@demo.test").status == .seeOther)
            // the owners are told, with the way to a new password; the new address gets its link
            for owner in ["marie.dupont@demo.test", "gestion.alpha@demo.test", "operateur@demo.test"] {
                let message = try await mail.last(to: owner)
                #expect(message?.subject == "Vous avez déjà un compte", "\(owner)")
                #expect(TestMail.link(in: message, path: "/mot-de-passe/oubli") != nil, "\(owner)")
            }
            #expect(try await mail.last(to: "nouvelle@alpha.test")?.subject == "Validez la création de votre compte")
        }
    }

    @Test("the 11th registration from one address within the hour is refused with 429 and creates nothing",
          arguments: TestEngine.available)
    func registrationThrottle(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let browser = TestBrowser(client)
            let alpha = try await AccountFlowTests.tenantID("alpha", database)
            for index in 1...Accounts.registrationsPerAddress {
                let response = try await browser.post("/compte/creer", AccountFlowTests.registration(email: "n\(index)@alpha.test", tenant: alpha))
                try #require(response.status == .ok)
            }
            // act
            let refused = try await browser.post("/compte/creer", AccountFlowTests.registration(email: "de.trop@alpha.test", tenant: alpha))
            // check
            #expect(refused.status == .tooManyRequests)
            #expect(refused.text.contains("Trop de demandes de création de compte"))
            #expect(try await User.query(on: database.db).filter(\.$email == "de.trop@alpha.test").count() == 0)
        }
    }

    @Test("reset requests: the 4th for one address and the 6th from one client within the hour get 429",
          arguments: TestEngine.available)
    func resetThrottle(engine: TestEngine) async throws {
        try await withShop(engine) { client, _ in
            // setup
            let browser = TestBrowser(client)
            for _ in 1...Accounts.resetRequestsPerAccount {
                try #require(try await browser.post("/mot-de-passe/oubli", ["email": "marie.dupont@demo.test"]).status == .ok)
            }
            // act
            let account = try await browser.post("/mot-de-passe/oubli", ["email": "marie.dupont@demo.test"])
            let fifth = try await browser.post("/mot-de-passe/oubli", ["email": "inconnu@nulle.part"])
            let fromClient = try await browser.post("/mot-de-passe/oubli", ["email": "autre.inconnu@nulle.part"])
            // check
            #expect(account.status == .tooManyRequests && account.text.contains("Plusieurs liens ont déjà été envoyés"))
            #expect(fifth.status == .ok && fifth.text.contains("Si un compte correspond à cette adresse"))
            #expect(fromClient.status == .tooManyRequests && fromClient.text.contains("Trop de demandes de réinitialisation"))
        }
    }
}
