import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import HTTPTypes
import Testing

@Suite("Messages that say what happened and what to do")
struct PageMessagesTests {
    @Test("an empty login field is named and counts no attempt", arguments: [TestEngine.sqlite])
    func emptyLogin(engine: TestEngine) async throws {
        try await withShop(engine) { client, _ in
            // setup
            let browser = TestBrowser(client)
            // act
            let both = try await browser.post("/connexion", ["email": "", "password": ""])
            let noPassword = try await browser.post("/connexion", ["email": "marie.dupont@demo.test", "password": ""])
            let afterwards = try await browser.logIn("marie.dupont@demo.test")
            // check
            #expect(both.status == .unprocessableContent && both.text.contains("Saisissez votre adresse e-mail.")
                    && both.text.contains("Saisissez votre mot de passe."))
            #expect(noPassword.text.contains("Saisissez votre mot de passe.") && !noPassword.text.contains("Saisissez votre adresse e-mail."))
            #expect(noPassword.text.contains("value=\"marie.dupont@demo.test\""), "what was typed is kept")
            #expect(afterwards.status == .seeOther)
        }
    }

    @Test("each empty tab of « Gérez vos cartes » says what it would hold; an immediate sending says it was sent", arguments: [TestEngine.sqlite])
    func cardsMessages(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup: Paul has no card; Marie has the activated order's cards
            let order = try await MyCardsPagesTests.activatedOrder(database)
            let card = try #require(try await CardLedger.cards(ownerID: order.$user.id, on: database.sql).first)
            let paul = TestBrowser(client), marie = TestBrowser(client)
            _ = try await paul.logIn("paul.martin@demo.test")
            _ = try await marie.logIn("marie.dupont@demo.test")
            // act
            let active = try await paul.get("/compte/cartes?filtre=actives")
            let expired = try await paul.get("/compte/cartes?filtre=expirees")
            let sent = try await marie.post("/compte/cartes/\(card.id)/envoyer", ["email": "ami@exemple.test", "name": "Ami", "message": "Bonne fête"])
            let page = try await marie.get(try #require(sent.headers[.location]))
            let tomorrow = FrenchCalendar.today(Date()).addingDays(1).iso
            let later = try await marie.post("/compte/cartes/\(card.id)/envoyer", ["email": "ami@exemple.test", "name": "Ami", "message": "", "date": tomorrow])
            // check
            #expect(active.text.contains("Aucune e-Carte active : les e-Cartes avec un solde à dépenser apparaissent ici."))
            #expect(expired.text.contains("Aucune e-Carte expirée"))
            #expect(page.text.contains("Votre e-Carte a été envoyée à l&#39;adresse indiquée.") || page.text.contains("Votre e-Carte a été envoyée à l'adresse indiquée."))
            #expect(later.headers[.location]?.hasSuffix("?ok=envoi") == true)
        }
    }
}
