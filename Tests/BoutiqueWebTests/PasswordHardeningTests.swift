import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import Testing

@Suite("Password hardening")
struct PasswordHardeningTests {
    static let common = "fait partie des plus courants"
    static let repeated = "un même caractère répété"
    static let sequence = "ne doit pas être une suite de caractères ou de touches"

    static let weak: [(password: String, message: String)] = [
        ("court", "au moins 12 caractères"),
        ("LeaveMeAlone", common), ("QWERTY123456", common),
        ("aaaaaaaaaaaa", repeated), (String(repeating: " ", count: 12), repeated),
        ("123456789012", sequence), ("210987654321", sequence), ("abcdefghijkl", sequence), ("LKJIHGFEDCBA", sequence),
        ("azertyuiopqs", sequence), ("qwertyuiopas", sequence), ("sqpoiuytreza", sequence),
    ]

    @Test("registration refuses short, common (whatever the case), repeated and sequential passwords in French, and stores nothing",
          arguments: TestEngine.available)
    func weakAtRegistration(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            let tenant = try await AccountFlowTests.tenantID("alpha", database)
            for (password, message) in Self.weak {
                // setup
                var form = AccountFlowTests.registration(email: "faible@alpha.test", tenant: tenant)
                form["password"] = password
                form["passwordConfirmation"] = password
                // act
                let response = try await TestBrowser(client).post("/compte/creer", form)
                // check
                #expect(response.status == .unprocessableContent, "\(password)")
                #expect(response.text.contains(message), "\(password)")
                #expect(try await User.query(on: database.db).filter(\.$email == "faible@alpha.test").count() == 0, "\(password)")
            }
        }
    }

    @Test("a reset link and a logged-in change refuse a common password too, and the old one keeps working",
          arguments: TestEngine.available)
    func weakAtResetAndChange(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let browser = TestBrowser(client), mail = TestMail(database: database)
            try await browser.post("/mot-de-passe/oubli", ["email": "marie.dupont@demo.test"])
            let link = try #require(TestMail.link(in: try await mail.last(to: "marie.dupont@demo.test"), path: "/mot-de-passe/nouveau"))
            let token = try #require(link.split(separator: "=").last.map(String.init))
            // act
            let reset = try await browser.post("/mot-de-passe/nouveau", ["token": token, "password": "LeaveMeAlone",
                                                                          "passwordConfirmation": "LeaveMeAlone"])
            _ = try await browser.logIn("marie.dupont@demo.test")
            let change = try await browser.post("/compte/mot-de-passe", ["currentPassword": DemoData.password,
                                                                          "password": "abcdefghijklmnop", "passwordConfirmation": "abcdefghijklmnop"])
            // check
            #expect(reset.status == .unprocessableContent && reset.text.contains(Self.common))
            #expect(change.status == .unprocessableContent && change.text.contains(Self.sequence))
            #expect(try await TestBrowser(client).logIn("marie.dupont@demo.test").status == .seeOther)
        }
    }

    @Test("two passwords equal in their first 72 bytes are two passwords: the other one no longer opens the account",
          arguments: TestEngine.available)
    func beyond72Bytes(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup: 36 « é » are 72 bytes of UTF-8; bcrypt alone read nothing after them.
            let prefix = String(repeating: "é", count: 36)
            let chosen = prefix + " ma fin", other = prefix + " une autre fin"
            let browser = TestBrowser(client)
            _ = try await browser.logIn("marie.dupont@demo.test")
            // act
            let changed = try await browser.post("/compte/mot-de-passe", ["currentPassword": DemoData.password, "password": chosen,
                                                                           "passwordConfirmation": chosen])
            let withOther = try await TestBrowser(client).logIn("marie.dupont@demo.test", password: other)
            let withChosen = try await TestBrowser(client).logIn("marie.dupont@demo.test", password: chosen)
            // check
            #expect(changed.status == .seeOther)
            #expect(withOther.status == .unprocessableContent)
            #expect(withChosen.status == .seeOther)
            let stored = try #require(try await User.query(on: database.db).filter(\.$email == "marie.dupont@demo.test").first())
            #expect(stored.passwordHash.hasPrefix("sha256$$2b$"))
            #expect(!PasswordHasher(cost: 4).verify(other, against: stored.passwordHash))
        }
    }

    @Test("a hash stored before the pre-hashing (plain bcrypt) still logs in, and only with its password",
          arguments: TestEngine.available)
    func oldFormat(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let user = try #require(try await User.query(on: database.db).filter(\.$email == "paul.martin@demo.test").first())
            user.passwordHash = Bcrypt.hash("ancienne phrase de passe", cost: 4)
            try await user.save(on: database.db)
            // act
            let wrong = try await TestBrowser(client).logIn("paul.martin@demo.test", password: "ancienne phrase de pass")
            let right = try await TestBrowser(client).logIn("paul.martin@demo.test", password: "ancienne phrase de passe")
            // check
            #expect(wrong.status == .unprocessableContent)
            #expect(right.status == .seeOther)
            // the login replaced the old hash by the current format, and the password still works
            let upgraded = try #require(try await User.find(user.requireID(), on: database.db)).passwordHash
            #expect(upgraded.hasPrefix("sha256$"))
            #expect(try await TestBrowser(client).logIn("paul.martin@demo.test", password: "ancienne phrase de passe").status == .seeOther)
        }
    }
}
