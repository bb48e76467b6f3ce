import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import HTTPTypes
import NIOFoundationCompat
import Testing

@Suite("Privacy: « Mes données »")
struct PersonalDataExportTests {
    static let files = [
        "LISEZMOI.txt", "profil.json", "profil.csv", "commandes.json", "commandes.csv", "factures/FAC-000001.pdf", "cartes.json",
        "cartes.csv", "mouvements.csv", "envois.json", "envois.csv", "emails.json", "emails.csv", "journal.json", "journal.csv",
        "messages.json", "messages.csv",
    ]

    static func decode<T: Decodable>(_ type: T.Type, _ name: String, in zip: StoredZIP) throws -> T {
        try PersonalDataFiles.decoder.decode(type, from: Data(try #require(zip.file(name))))
    }

    @Test("after her password, the ZIP holds her profile, order, invoice, masked cards with movements, sendings, e-mails and audit entries, as in the database",
          arguments: TestEngine.available)
    func archiveMatchesDatabase(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let fixture = try await PrivacyFixture.make(client, database)
            let email = PrivacyFixture.email, secrets = try #require(testCardSecrets)
            let user = try #require(try await User.find(fixture.userID, on: database.db))
            let cardRows = try await CardLedger.cards(ownerID: fixture.userID, on: database.sql)
            var ledgerRows = 0
            for card in cardRows { ledgerRows += try await CardLedger.transactions(cardID: card.id, on: database.sql).count }
            let kept = try await Mailbox(database: database).list().filter { $0.message.to.contains { $0.email == email } }
            let auditRows = try await AuditEntry.query(on: database.db)
                .group(.or) { $0.filter(\.$actorID == fixture.userID).filter(\.$target == email).filter(\.$actorEmail == email) }.count()
            // act
            let page = try await fixture.browser.get("/compte/mes-donnees")
            let wrong = try await fixture.browser.post("/compte/mes-donnees", ["password": "pas le bon mot de passe"])
            let response = try await fixture.browser.post("/compte/mes-donnees", ["password": PrivacyFixture.newPassword])
            let zip = try StoredZIP(Array(buffer: response.body))
            let profile = try Self.decode(PersonalDataFiles.Profile.self, "profil.json", in: zip)
            let orders = try Self.decode([PersonalDataFiles.Order].self, "commandes.json", in: zip)
            let cards = try Self.decode([PersonalDataFiles.Card].self, "cartes.json", in: zip)
            let sendings = try Self.decode([PersonalDataFiles.Sending].self, "envois.json", in: zip)
            let emails = try Self.decode([PersonalDataFiles.Email].self, "emails.json", in: zip)
            let journal = try Self.decode([PersonalDataFiles.AuditEntry].self, "journal.json", in: zip)
            let messages = try Self.decode([PersonalDataFiles.ContactMessage].self, "messages.json", in: zip)
            let everything = zip.entries.map { String(decoding: $0.bytes, as: UTF8.self) }.joined()
            let exported = try await AuditEntry.query(on: database.db).filter(\.$action == AuditAction.personalDataExported.rawValue).count()
            // check: the page, the refusal
            #expect(page.text.contains("name=\"_csrf\"") && page.text.contains("Télécharger mes données"))
            #expect(wrong.status == .unprocessableContent && wrong.text.contains("Mot de passe incorrect"))
            #expect(response.status == .ok && response.headers[.contentType] == "application/zip")
            #expect(response.headers[.contentDisposition]?.contains("mes-donnees-") == true)
            #expect(zip.names == Self.files)
            // profile, field by field
            #expect([profile.civilite, profile.prenom, profile.nom, profile.email, profile.telephone]
                == [user.civility, user.firstName, user.lastName, user.email, user.phone])
            #expect([profile.statut, profile.role, profile.cse] == ["Actif", "Bénéficiaire", "CSE Alpha Industries"])
            #expect(!profile.doubleAuthentification)
            #expect(abs((profile.compteCreeLe ?? .distantPast).timeIntervalSince(user.createdAt ?? .distantFuture)) < 1)
            // the order and its invoice
            #expect(orders.map(\.numero) == [fixture.order.reference])
            #expect(orders.first?.totalPayeCentimes == fixture.order.totalCents && orders.first?.economieCentimes == fixture.order.savingsCents)
            #expect(orders.first?.lignes.map(\.quantite) == [2] && orders.first?.lignes.map(\.valeurFacialeCentimes) == [2_500])
            #expect(orders.first?.facture == "FAC-000001" && zip.text("factures/FAC-000001.pdf")?.hasPrefix("%PDF-") == true)
            // the cards: masked, balances and movements as the ledger has them, never a full number
            #expect(Set(cards.map(\.numeroMasque)) == Set(try cardRows.map { try secrets.number(of: $0).masked }))
            #expect(cards.map(\.soldeCentimes).sorted() == cardRows.map { Int($0.balanceCents) }.sorted())
            #expect(cards.flatMap(\.mouvements).count == ledgerRows && cards.flatMap(\.mouvements).contains { $0.montantCentimes == -1_000 })
            #expect(try cardRows.allSatisfy { !everything.contains(try secrets.number(of: $0).digits) })
            #expect(!everything.contains("jeton=") || everything.contains("jeton=(masqué)"))
            // sendings, e-mails, audit, messages
            #expect(sendings.map(\.destinataireEmail) == ["ami.proche@exemple.test"] && sendings.first?.message == "De la part de Zéphyrine")
            #expect(emails.map(\.objet) == kept.reversed().map(\.message.subject))
            #expect(journal.count == auditRows && journal.contains { $0.action == "Mot de passe modifié" } && journal.contains { $0.action == "Connexion" })
            #expect(messages.map(\.objet) == ["Question"])
            let readme = zip.text("LISEZMOI.txt") ?? ""
            #expect(Self.files.filter { $0 != "LISEZMOI.txt" && !readme.contains($0.hasPrefix("factures/") ? "factures/" : $0) } == [])
            #expect(zip.text("commandes.csv")?.contains("\(fixture.order.reference);") == true)
            #expect(exported == 1)
        }
    }

    @Test("a fourth download within the hour is refused; the operator downloads an employee's archive from their page",
          arguments: TestEngine.available)
    func throttledAndOperator(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let fixture = try await PrivacyFixture.make(client, database)
            let operatorBrowser = TestBrowser(client)
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            // act
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<3 { statuses.append(try await operatorBrowser.post("/admin/salaries/\(fixture.userID)/donnees", [:]).status) }
            let fourth = try await fixture.browser.post("/compte/mes-donnees", ["password": PrivacyFixture.newPassword])
            let unknown = try await operatorBrowser.post("/admin/salaries/\(UUID())/donnees", [:])
            let byEmployee = try await fixture.browser.post("/admin/salaries/\(fixture.userID)/donnees", [:])
            let entries = try await AuditEntry.query(on: database.db).filter(\.$action == AuditAction.personalDataExported.rawValue).all()
            // check
            #expect(statuses == [.ok, .ok, .ok])
            #expect(fourth.status == .tooManyRequests && fourth.text.contains("3 fois cette heure-ci"))
            #expect(unknown.status == .notFound)
            #expect(byEmployee.status == .forbidden)
            #expect(entries.count == 3 && entries.allSatisfy { $0.actorEmail == "operateur@demo.test" && $0.target == PrivacyFixture.email })
        }
    }
}
