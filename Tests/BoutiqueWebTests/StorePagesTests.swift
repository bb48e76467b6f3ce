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

@Suite("Stores and contact pages")
struct StorePagesTests {
    @Test("the store locator page lists the nearest stores with their self-checkout acceptance", arguments: [TestEngine.sqlite])
    func locator(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            try await DemoStores.seedIfEmpty(database)
            let browser = TestBrowser(client)
            let empty = try await browser.get("/magasins")
            let lyon = try await browser.get("/magasins?q=Lyon")
            let unknown = try await browser.get("/magasins?q=%3Cscript%3E")
            #expect(empty.status == .ok && empty.text.contains("Code postal ou ville"))
            #expect(lyon.text.contains("Magasins les plus proches de Lyon"))
            #expect(lyon.text.contains("Maison Lumière Lyon") && lyon.text.contains("69001 Lyon"))
            #expect(lyon.text.contains("Caisses automatiques"))
            #expect(unknown.text.contains("Aucun magasin trouvé pour « &lt;script&gt; »"))
        }
    }

    @Test("a contact message is kept, e-mailed to the operator and the CSE, and rate-limited", arguments: TestEngine.available)
    func contact(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let marie = TestBrowser(client), mail = TestMail(database: database)
            _ = try await marie.logIn("marie.dupont@demo.test")
            // act
            let missing = try await marie.post("/contact", ["subject": "", "message": ""])
            let sent = try await marie.post("/contact", ["subject": "Ma carte", "message": "Bonjour,\nma carte ne passe pas.", "order": "CMD-000001"])
            for n in 2...5 { try await marie.post("/contact", ["subject": "Relance \(n)", "message": "Toujours rien."]) }
            let sixth = try await marie.post("/contact", ["subject": "Encore", "message": "?"])
            // check
            #expect(missing.status == .unprocessableContent && missing.text.contains("Le champ « Objet » est obligatoire."))
            #expect(sent.text.contains("Votre message a bien été envoyé."))
            #expect(sixth.status == .unprocessableContent && sixth.text.contains("patientez une heure"))
            #expect(try await ContactMessage.query(on: database.db).count() == 5)
            let toOperator = try #require(try await mail.last(to: "operateur@demo.test"))
            #expect(toOperator.subject.hasPrefix("Contact : "))
            #expect(toOperator.replyTo?.email == "marie.dupont@demo.test")
            let first = try await Mailbox(database: database).list().first { $0.message.subject == "Contact : Ma carte" && $0.message.to.first?.email == "cse@alpha.demo.test" }
            #expect(first?.message.text.contains("ma carte ne passe pas.") == true)
            #expect(first?.message.text.contains("CMD-000001") == true)
        }
    }
}
