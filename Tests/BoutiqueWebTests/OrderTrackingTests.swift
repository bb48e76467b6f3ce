import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("« Suivre ma commande »: the order's steps, refreshing until the cards are there")
struct OrderTrackingTests {
    @Test("a paid order's page refreshes itself at « Validé » and stops at « Activé » with its cards; another employee gets 404",
          arguments: TestEngine.available)
    func steps(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup: Marie's 50 € order, paid (validated), cards not issued yet
            let order = try await AccountingSequenceTests.paidOrder(database)
            let id = try order.requireID()
            let marie = TestBrowser(client), paul = TestBrowser(client)
            _ = try await marie.logIn("marie.dupont@demo.test")
            _ = try await paul.logIn("paul.martin@demo.test")
            // act
            let validated = try await marie.get("/compte/commandes/\(id)")
            let list = try await marie.get("/compte/commandes")
            let issuance = CardIssuance(database: database, issuer: CardIssuer(database: database, secrets: try #require(testCardSecrets),
                                                                               prefix: try CardIssuerPrefix("5032")),
                                        composer: try await MailComposer(settings: MailSettings()))
            try await issuance.issue(orderID: id)
            let activated = try await marie.get("/compte/commandes/\(id)")
            let byPaul = try await paul.get("/compte/commandes/\(id)")
            // check
            #expect(validated.status == .ok && validated.text.contains("<meta http-equiv=\"refresh\" content=\"3\">"))
            #expect(validated.text.contains("Validé") && validated.text.contains("Cette page se met à jour toute seule"))
            #expect(validated.text.contains("<li class=\"done\"><strong>Commande validée</strong>")
                    && validated.text.contains("<li class=\"todo\"><strong>e-Cartes disponibles</strong>"))
            #expect(list.text.contains("href=\"/compte/commandes/\(id)\">Suivre la commande \(order.reference)</a>"))
            #expect(activated.text.contains("Activé") && !activated.text.contains("http-equiv=\"refresh\""))
            #expect(activated.text.contains("<li class=\"done\"><strong>e-Cartes disponibles</strong>") && activated.text.contains("href=\"/compte/cartes\""))
            #expect(byPaul.status == .notFound)
        }
    }
}
