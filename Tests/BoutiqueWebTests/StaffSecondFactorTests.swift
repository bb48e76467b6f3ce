import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import BoutiqueWeb
import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdOTP
import HummingbirdTesting
import Testing

/// Recovery codes, and the second factor required of operators (platform setting) and of a CSE's
/// managers (the CSE's setting).
@Suite("Staff second factor: recovery codes and requirement")
struct StaffSecondFactorTests {
    /// Sets up TOTP for the logged-in `browser`: the secret, the ten codes shown once, the page.
    static func setUp(_ browser: TestBrowser, email: String, database: BoutiqueDatabase) async throws -> (secret: String, codes: [String]) {
        _ = try await browser.post("/compte/securite/activer", [:])
        let secret = try #require(TestTOTP.secret(try await User.query(on: database.db).filter(\.$email == email).first()))
        let page = try await browser.post("/compte/securite/confirmer", ["code": SecondFactorTests.code(secret)])
        #expect(page.status == .ok && page.text.contains("Ils ne seront plus affichés"))
        return (secret, codes(in: page.text))
    }

    static func codes(in html: String) -> [String] {
        html.matches(of: /<li><code>([0-9a-z]{5}-[0-9a-z]{5})<\/code><\/li>/).map { String($0.output.1) }
    }

    static var requiringOperators: WebConfiguration {
        var configuration = WebConfiguration.test
        configuration.shop.operatorsNeedSecondFactor = true
        return configuration
    }

    @Test("ten recovery codes: each opens one login, typed in any case, the owner is told how many are left; renewed ones replace them",
          arguments: TestEngine.available)
    func recoveryCodes(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let manager = TestBrowser(client), mail = TestMail(database: database)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            let (secret, codes) = try await Self.setUp(manager, email: "gestion.alpha@demo.test", database: database)
            try await manager.post("/deconnexion", [:])
            // act: a recovery code instead of the app's, upper case with a space
            _ = try await manager.logIn("gestion.alpha@demo.test")
            let opened = try await manager.post("/connexion/code", ["code": codes[0].uppercased().replacingOccurrences(of: "-", with: " ")])
            let security = try await manager.get("/compte/securite")
            let notice = try await mail.last(to: "gestion.alpha@demo.test")
            try await manager.post("/deconnexion", [:])
            _ = try await manager.logIn("gestion.alpha@demo.test")
            let reused = try await manager.post("/connexion/code", ["code": codes[0]])
            let second = try await manager.post("/connexion/code", ["code": codes[1]])
            // act: new codes for a current code; the former ones stop working
            let renewed = try await manager.post("/compte/securite/codes", ["code": SecondFactorTests.code(secret, offset: 30)])
            let newCodes = Self.codes(in: renewed.text)
            try await manager.post("/deconnexion", [:])
            _ = try await manager.logIn("gestion.alpha@demo.test")
            let former = try await manager.post("/connexion/code", ["code": codes[2]])
            let fresh = try await manager.post("/connexion/code", ["code": newCodes[0]])
            // check
            #expect(codes.count == 10 && Set(codes).count == 10)
            #expect(opened.headers[.location] == "/gestion/comptes")
            #expect(security.text.contains("Codes de secours restants : <strong>9</strong>"))
            #expect(notice?.subject == "Un code de secours a été utilisé" && notice?.text.contains("restants : 9") == true)
            #expect(reused.status == .unprocessableContent && reused.text.contains("code de secours non utilisé"))
            #expect(second.headers[.location] == "/gestion/comptes")
            #expect(newCodes.count == 10 && Set(newCodes).isDisjoint(with: codes))
            #expect(former.status == .unprocessableContent)
            #expect(fresh.headers[.location] == "/gestion/comptes")
            let stored = try await database.sql.raw("SELECT code_hash FROM recovery_codes").all().map { try $0.decode(column: "code_hash", as: String.self) }
            #expect(stored.count == 10 && !stored.contains { hash in newCodes.contains { hash.contains($0) } })
            let audit = try await database.sql.raw("SELECT action FROM audit_log WHERE action = 'second-factor.recovery-code-used'").all()
            #expect(audit.count == 3)
        }
    }

    @Test("two logins racing with one recovery code: one session opens", arguments: TestEngine.available)
    func recoveryCodeRace(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let owner = TestBrowser(client)
            _ = try await owner.logIn("gestion.alpha@demo.test")
            let codes = try await Self.setUp(owner, email: "gestion.alpha@demo.test", database: database).codes
            let racers = [TestBrowser(client), TestBrowser(client), TestBrowser(client), TestBrowser(client)]
            for racer in racers { _ = try await racer.logIn("gestion.alpha@demo.test") }
            // act
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for racer in racers { group.addTask { try await racer.post("/connexion/code", ["code": codes[4]]).status } }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            // check
            #expect(statuses.filter { $0 == .seeOther }.count == 1)
            #expect(statuses.filter { $0 == .unprocessableContent }.count == racers.count - 1)
        }
    }

    @Test("an operator who must have a second factor reaches only its set-up until it is on, and cannot turn it off",
          arguments: TestEngine.available)
    func requiredForOperators(engine: TestEngine) async throws {
        try await withShop(engine, configuration: Self.requiringOperators) { client, database in
            // setup
            let operatorBrowser = TestBrowser(client), marie = TestBrowser(client), manager = TestBrowser(client)
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            _ = try await marie.logIn("marie.dupont@demo.test")
            _ = try await manager.logIn("gestion.alpha@demo.test")
            let tenantsBefore = try await Tenant.query(on: database.db).count()
            // act: before the set-up
            let console = try await operatorBrowser.get("/admin")
            let form = try await operatorBrowser.post("/admin/cse", AdminTenantsTests.settings.merging(["slug": "delta"]) { $1 })
            let security = try await operatorBrowser.get("/compte/securite?requis=1")
            // act: set up, then try to turn it off
            let (secret, _) = try await Self.setUp(operatorBrowser, email: "operateur@demo.test", database: database)
            let after = try await operatorBrowser.get("/admin")
            let off = try await operatorBrowser.post("/compte/securite/desactiver", ["code": SecondFactorTests.code(secret, offset: 30)])
            // check
            #expect(console.status == .seeOther && console.headers[.location] == "/compte/securite?requis=1")
            #expect(form.status == .seeOther && form.headers[.location] == "/compte/securite?requis=1")
            #expect(try await Tenant.query(on: database.db).count() == tenantsBefore)
            #expect(security.status == .ok && security.text.contains("obligatoire pour votre compte"))
            #expect(after.status == .ok)
            #expect(off.status == .unprocessableContent && off.text.contains("ne peut pas être désactivée"))
            #expect(try await User.query(on: database.db).filter(\.$email == "operateur@demo.test").first()?.totpEnabledAt != nil)
            // Neither employees nor the managers of a CSE that does not require it are held.
            #expect(try await marie.get("/compte").status == .ok)
            #expect(try await manager.get("/gestion/comptes").status == .ok)
        }
    }

    @Test("a CSE that requires a second factor of its managers holds them at its set-up; other CSEs' managers are not",
          arguments: TestEngine.available)
    func requiredByTenant(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let operatorBrowser = TestBrowser(client)
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            let alpha = try #require(try await Tenant.query(on: database.db).filter(\.$slug == "alpha").first())
            let settings = ["name": alpha.name, "contactEmail": alpha.contactEmail, "maxOrder": "1500", "yearlyCap": "5000",
                            "maxCartLines": "20", "approval": "manager", "brandColor": "#1d4f91", "openForRegistration": "on",
                            "isEnabled": "on", "managersSecondFactor": "on"]
            // act
            let saved = try await operatorBrowser.post("/admin/cse/\(try alpha.requireID())", settings)
            let page = try await operatorBrowser.get("/admin/cse/\(try alpha.requireID())")
            let alphaManager = TestBrowser(client), betaManager = TestBrowser(client)
            _ = try await alphaManager.logIn("gestion.alpha@demo.test")
            _ = try await betaManager.logIn("gestion.beta@demo.test")
            let held = try await alphaManager.get("/gestion/comptes")
            let free = try await betaManager.get("/gestion/comptes")
            _ = try await Self.setUp(alphaManager, email: "gestion.alpha@demo.test", database: database)
            let released = try await alphaManager.get("/gestion/comptes")
            // check
            #expect(saved.status == .seeOther)
            #expect(page.text.contains("id=\"managersSecondFactor\" name=\"managersSecondFactor\" type=\"checkbox\" value=\"on\" checked"))
            #expect(held.headers[.location] == "/compte/securite?requis=1")
            #expect(free.status == .ok)
            #expect(released.status == .ok)
        }
    }
}
