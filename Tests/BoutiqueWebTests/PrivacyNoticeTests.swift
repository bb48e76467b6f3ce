import BoutiqueCore
import BoutiqueShop
import BoutiqueTestSupport
import Foundation
import Testing

@Suite("Privacy: « Politique de confidentialité »")
struct PrivacyNoticeTests {
    @Test("the public notice states the code's retention periods and the operator's contact, and every page's footer and the registration link to it")
    func notice() async throws {
        try await withShop(.sqlite) { client, _ in
            // setup
            let visitor = TestBrowser(client)
            // act
            let page = try await visitor.get("/confidentialite")
            let home = try await visitor.get("/")
            let register = try await visitor.get("/compte/creer")
            let marie = TestBrowser(client)
            _ = try await marie.logIn("marie.dupont@demo.test")
            let account = try await marie.get("/compte")
            // check
            #expect(page.status == .ok && page.text.contains("<h1>Politique de confidentialité</h1>"))
            for period in ["Supprimé \(AccountRetention.unverifiedDays) jours après", "Anonymisé 365 jours après le refus",
                           "\(Mailbox.retentionMonths) mois", "10 ans (obligation légale)", "Fermée après 2 h sans activité", "48 heures",
                           "60 minutes"] {
                #expect(page.text.contains(period), "\(period)")
            }
            #expect(page.text.contains("mailto:operateur@demo.test") && page.text.contains("Exécution du contrat"))
            #expect(page.text.contains("href=\"/compte/mes-donnees\"") && page.text.contains("href=\"/compte/fermer\""))
            #expect([home, register, account].allSatisfy { $0.text.contains("<a href=\"/confidentialite\">Politique de confidentialité</a>") })
            #expect(register.text.contains("notre <a href=\"/confidentialite\">politique de confidentialité</a>"))
            #expect(account.text.contains("<a href=\"/compte/mes-donnees\">Mes données</a>") && account.text.contains("Fermer mon compte"))
        }
    }
}
