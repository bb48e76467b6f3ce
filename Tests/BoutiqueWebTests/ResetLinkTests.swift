import BoutiqueCore
import BoutiqueMail
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Reset links")
struct ResetLinkTests {
    /// Every reset link sent to `address`, oldest first.
    static func resetLinks(to address: String, _ mail: TestMail) async throws -> [String] {
        try await mail.deliver()
        return try await Mailbox(database: mail.database).list().reversed()
            .filter { $0.message.to.contains { $0.email == address } && $0.message.subject == "Réinitialisation de votre mot de passe" }
            .compactMap { TestMail.link(in: $0.message, path: "/mot-de-passe/nouveau") }
    }

    static func token(of link: String) throws -> String {
        try #require(link.split(separator: "=").last.map(String.init))
    }

    @Test("using the newer of two reset links ends the older one", arguments: TestEngine.available)
    func olderLinkEnds(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let browser = TestBrowser(client), mail = TestMail(database: database)
            try await browser.post("/mot-de-passe/oubli", ["email": "marie.dupont@demo.test"])
            try await browser.post("/mot-de-passe/oubli", ["email": "marie.dupont@demo.test"])
            let links = try await Self.resetLinks(to: "marie.dupont@demo.test", mail)
            try #require(links.count == 2)
            // act
            let used = try await browser.post("/mot-de-passe/nouveau", ["token": try Self.token(of: links[1]),
                                                                         "password": "nouvelle phrase secrète",
                                                                         "passwordConfirmation": "nouvelle phrase secrète"])
            let olderPage = try await browser.get(links[0])
            let olderPost = try await browser.post("/mot-de-passe/nouveau", ["token": try Self.token(of: links[0]),
                                                                              "password": "phrase de l'attaquant",
                                                                              "passwordConfirmation": "phrase de l'attaquant"])
            // check
            #expect(used.text.contains("Votre mot de passe a été modifié."))
            #expect(olderPage.status == .notFound && olderPage.text.contains("plus valable"))
            #expect(olderPost.status == .notFound)
            #expect(try await browser.logIn("marie.dupont@demo.test", password: "phrase de l'attaquant").status == .unprocessableContent)
            #expect(try await browser.logIn("marie.dupont@demo.test", password: "nouvelle phrase secrète").status == .seeOther)
        }
    }

    @Test("one reset link posted twice at the same instant sets one password, not two", arguments: TestEngine.available)
    func sameLinkTwiceAtOnce(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let browser = TestBrowser(client), mail = TestMail(database: database)
            try await browser.post("/mot-de-passe/oubli", ["email": "marie.dupont@demo.test"])
            let token = try Self.token(of: try #require(try await Self.resetLinks(to: "marie.dupont@demo.test", mail).first))
            // act
            let answers = try await withThrowingTaskGroup(of: String.self) { group in
                for phrase in ["première phrase choisie", "seconde phrase choisie"] {
                    group.addTask {
                        let text = try await browser.post("/mot-de-passe/nouveau", ["token": token, "password": phrase,
                                                                                     "passwordConfirmation": phrase]).text
                        return text.contains("Votre mot de passe a été modifié.") ? phrase : ""
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }.filter { !$0.isEmpty }
            }
            // check
            #expect(answers.count == 1)
            let other = answers.first == "première phrase choisie" ? "seconde phrase choisie" : "première phrase choisie"
            #expect(try await browser.logIn("marie.dupont@demo.test", password: other).status == .unprocessableContent)
            #expect(try await browser.logIn("marie.dupont@demo.test", password: try #require(answers.first)).status == .seeOther)
        }
    }

    @Test("changing the password while logged in ends the reset links still out", arguments: TestEngine.available)
    func changeEndsLinks(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let browser = TestBrowser(client), mail = TestMail(database: database)
            try await browser.post("/mot-de-passe/oubli", ["email": "paul.martin@demo.test"])
            let link = try #require(try await Self.resetLinks(to: "paul.martin@demo.test", mail).last)
            _ = try await browser.logIn("paul.martin@demo.test")
            // act
            let changed = try await browser.post("/compte/mot-de-passe", ["currentPassword": DemoData.password,
                                                                           "password": "une toute nouvelle phrase",
                                                                           "passwordConfirmation": "une toute nouvelle phrase"])
            let page = try await TestBrowser(client).get(link)
            // check
            #expect(changed.status == .seeOther)
            #expect(page.status == .notFound)
        }
    }
}
