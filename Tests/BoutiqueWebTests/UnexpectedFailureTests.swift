import BoutiqueCore
import BoutiqueStore
import BoutiqueTestSupport
import BoutiqueWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SQLKit
import Testing

/// A failure of ours is never passed off as a form message: the visitor gets the 500 page with
/// the request's reference, and the log one line with it. The failure is a real one from the
/// database (a table renamed away under the running shop): closing SQLite's pool instead makes
/// its driver trap on the next query in debug builds, which would test the driver, not the shop.
@Suite("Unexpected failures")
struct UnexpectedFailureTests {
    @Test("« Contactez-nous » when the database fails: 500 page with its reference, one error line with the same id, no form message",
          arguments: TestEngine.available)
    func databaseGoneOnForm(engine: TestEngine) async throws {
        let lines = CapturingLogHandler.Lines()
        let logger = Logger(label: "boutique.capture") { _ in CapturingLogHandler(lines: lines) }
        try await withShop(engine, logger: logger) { client, database in
            // setup: a visitor on the contact page holds a form token; then the messages' table fails.
            let browser = TestBrowser(client)
            try await browser.get("/contact")
            try await database.sql.raw("ALTER TABLE contact_messages RENAME TO contact_messages_away").run()
            // act
            let response = try await browser.post("/contact", ["email": "visiteur@exemple.fr", "subject": "Question",
                                                               "message": "Où utiliser ma carte ?"])
            // check
            #expect(response.status == .internalServerError)
            let id = try #require(response.headers[HTTPField.Name("X-Request-Id")!])
            #expect(response.text.contains("Erreur du serveur") && response.text.contains(id))
            #expect(!response.text.contains("n'a pas pu être envoyé"))
            let errors = lines.all.filter { $0.hasPrefix("error") }
            #expect(errors.count == 1)
            #expect(errors.first?.contains("Erreur inattendue") == true && errors.first?.contains(id) == true)
        }
    }

    @Test("a page whose read fails is the 500 page, logged once with its request id", arguments: TestEngine.available)
    func databaseGoneOnPage(engine: TestEngine) async throws {
        let lines = CapturingLogHandler.Lines()
        let logger = Logger(label: "boutique.capture") { _ in CapturingLogHandler(lines: lines) }
        try await withShop(engine, logger: logger) { client, database in
            // setup
            try await database.sql.raw("ALTER TABLE store_locations RENAME TO store_locations_away").run()
            // act: « Où dépenser ma e-Carte » reads the stores
            try await client.execute(uri: "/magasins?q=Paris", method: .get) { response in
                // check
                #expect(response.status == .internalServerError)
                let id = try #require(response.headers[HTTPField.Name("X-Request-Id")!])
                #expect(response.text.contains(id))
                let errors = lines.all.filter { $0.hasPrefix("error") }
                #expect(errors.count == 1 && errors.first?.contains(id) == true)
            }
        }
    }
}
