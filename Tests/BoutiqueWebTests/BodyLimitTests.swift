import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// A body is limited by its route, not by whoever reads it: the forms 1 MB, the four forms with a
/// file 8 MB; over it, 413 with the French error page, and nothing changes.
@Suite("Request body limits")
struct BodyLimitTests {
    static let overForm = 1024 * 1024 + 1
    static let tooLargeTitle = "Envoi trop volumineux"

    @Test("a URL-encoded form over 1 MB is answered 413 in French and changes nothing", arguments: TestEngine.available)
    func largeForm(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup: Marie's profile form, padded past the limit
            let marie = TestBrowser(client)
            _ = try await marie.logIn("marie.dupont@demo.test")
            let padding = String(repeating: "a", count: Self.overForm)
            // act
            let response = try await marie.post("/compte/coordonnees", ["civility": "Mme", "firstName": "Pirate", "lastName": "Pirate",
                                                                         "phone": "0600000000", "padding": padding])
            // check
            #expect(response.status == .contentTooLarge)
            #expect(response.headers[.contentType]?.hasPrefix("text/html") == true && response.text.contains(Self.tooLargeTitle))
            let user = try #require(try await User.query(on: database.db).filter(\.$email == "marie.dupont@demo.test").first())
            #expect(user.firstName != "Pirate" && user.lastName != "Pirate")
        }
    }

    @Test("a multipart POST over 1 MB to a route without a file field is answered 413, logged in or not", arguments: TestEngine.available)
    func multipartElsewhere(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let visitor = TestBrowser(client), marie = TestBrowser(client)
            _ = try await marie.logIn("marie.dupont@demo.test")
            let bytes = [UInt8](repeating: 0x61, count: Self.overForm)
            // act: an anonymous login and a logged-in profile change, sent as uploads
            let login = try await visitor.upload("/connexion", file: "file", filename: "x.csv", bytes: bytes,
                                                 fields: ["email": "marie.dupont@demo.test", "password": DemoData.password])
            let profile = try await marie.upload("/compte/coordonnees", file: "file", filename: "x.csv", bytes: bytes,
                                                 fields: ["civility": "Mme", "firstName": "Pirate", "lastName": "Pirate", "phone": "0600000000"])
            // The logout reads no form of its own: only the body limit stands between it and the bytes.
            let logout = try await marie.upload("/deconnexion", file: "file", filename: "x.csv", bytes: bytes)
            // check
            for response in [login, profile, logout] {
                #expect(response.status == .contentTooLarge && response.text.contains(Self.tooLargeTitle))
            }
            #expect(visitor.session == nil)
            #expect(try await marie.get("/compte/coordonnees").status == .ok, "still logged in")
            let user = try #require(try await User.query(on: database.db).filter(\.$email == "marie.dupont@demo.test").first())
            #expect(user.firstName != "Pirate")
        }
    }

    @Test("an upload over 8 MB is answered 413 and imports nothing; a normal upload is imported", arguments: TestEngine.available)
    func uploads(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let manager = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            var huge = EmployeeImportTests.staffList(2)
            huge += "\r\n" + String(repeating: "x", count: 8 * 1024 * 1024)
            // act
            let refused = try await manager.upload("/gestion/salaries/import", file: "file", filename: "salaries.csv", bytes: Array(huge.utf8))
            let countAfterRefusal = try await ExpectedEmployee.query(on: database.db).count()
            let imported = try await manager.upload("/gestion/salaries/import", file: "file", filename: "salaries.csv",
                                                   bytes: Array(EmployeeImportTests.staffList(2).utf8))
            // check
            #expect(refused.status == .contentTooLarge && refused.text.contains(Self.tooLargeTitle))
            #expect(countAfterRefusal == 0)
            #expect(imported.status == .ok && imported.text.contains("2 salarié(s) ajouté(s)"))
            #expect(try await ExpectedEmployee.query(on: database.db).count() == 2)
        }
    }

    @Test("an upload route reads past 1 MB: a 1.5 MB logo gets the logo's own French refusal, not 413", arguments: TestEngine.available)
    func uploadPastFormLimit(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let id = try await TenantLogoTests.alpha(database).requireID()
            let operatorBrowser = TestBrowser(client)
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            let heavy = TenantLogoTests.png + [UInt8](repeating: 0, count: 1536 * 1024)
            // act
            let response = try await operatorBrowser.upload("/admin/cse/\(id)/logo", file: "logo", filename: "logo.png", bytes: heavy)
            // check
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("le logo doit peser 200 Ko au plus"))
            #expect(try await TenantLogo.query(on: database.db).count() == 0)
        }
    }
}
