import BoutiqueCore
import BoutiqueMail
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import HTTPTypes
import Synchronization
import Testing

/// The SMTP server of production, as the farewell e-mail sees it: it records what it sends.
final class RecordingTransport: MailTransport {
    private let sent = Mutex<[MailMessage]>([])
    var messages: [MailMessage] { sent.withLock { $0 } }
    func send(_ message: MailMessage) async throws { sent.withLock { $0.append(message) } }
}

@Suite("Privacy: « Fermer mon compte »")
struct AccountClosureTests {
    /// The money of her cards: how many, their balances' sum, their ledger rows.
    static func ledger(of ownerID: UUID, _ database: BoutiqueDatabase) async throws -> [Int64] {
        let cards = try await CardLedger.cards(ownerID: ownerID, on: database.sql)
        var rows = 0
        for card in cards { rows += try await CardLedger.transactions(cardID: card.id, on: database.sql).count }
        return [Int64(cards.count), cards.reduce(0) { $0 + $1.balanceCents }, Int64(rows)]
    }

    /// Runs the queued jobs the way production sends: SMTP (recorded here) keeping copies in the mailbox table.
    static func deliverBySMTP(_ database: BoutiqueDatabase) async throws -> RecordingTransport {
        let smtp = RecordingTransport()
        let worker = JobWorker(queue: JobQueue(database: database),
                               registry: ShopJobs.registry(database: database, mail: KeepingCopyTransport(smtp, copies: Mailbox(database: database))),
                               logger: .init(label: "test.privacy"))
        try await worker.drain()
        return smtp
    }

    @Test("closing is refused while her cards hold 25 €; with the loss ticked, she is found only on her invoice, in every text column of every table",
          arguments: TestEngine.available)
    func closeErasesEverywhere(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let fixture = try await PrivacyFixture.make(client, database)
            let browser = fixture.browser, password = PrivacyFixture.newPassword
            let before = try await PersonalDataScan.columns(holding: PrivacyFixture.needles, in: database)
            let money = try await Self.ledger(of: fixture.userID, database)
            try await database.tables.recoveryCodes.replace(of: fixture.userID, with: ["spare-code-hash"], at: Date())
            // act
            let page = try await browser.get("/compte/fermer")
            let refused = try await browser.post("/compte/fermer", ["password": password])
            let kept = try await User.find(fixture.userID, on: database.db)
            let wrongAmount = try await browser.post("/compte/fermer", ["password": password, "acceptsLoss": "oui", "lossCents": "1000"])
            let wrongPassword = try await browser.post("/compte/fermer", ["password": "pas le bon mot de passe", "acceptsLoss": "oui",
                                                                          "lossCents": "2500"])
            let closed = try await browser.post("/compte/fermer", ["password": password, "acceptsLoss": "oui", "lossCents": "2500"])
            let afterwards = try await browser.get("/compte")
            let smtp = try await Self.deliverBySMTP(database)
            let after = try await PersonalDataScan.columns(holding: PrivacyFixture.needles, in: database)
            let login = try await TestBrowser(client).logIn(PrivacyFixture.email, password: password)
            let manager = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            _ = try await manager.post("/gestion/salaries/\(fixture.userID.uuidString)/reactiver", [:])
            let listed = try await manager.get("/gestion/salaries")
            let row = try #require(try await User.find(fixture.userID, on: database.db))
            let entries = try await AuditEntry.query(on: database.db).filter(\.$action == AuditAction.accountClosed.rawValue).all()
            // check: the scan sees her everywhere before, so its silence after means something
            #expect(before.isSuperset(of: ["users.email", "users.first_name", "users.last_name", "users.phone", "mailbox_messages.message",
                                           "audit_log.actor_email", "card_sendings.message", "contact_messages.message",
                                           "expected_employees.email", "throttles.key", "jobs.payload"]))
            #expect(page.text.contains("25,00\u{00A0}€") && page.text.contains("name=\"_csrf\""))
            #expect(refused.status == .unprocessableContent && refused.text.contains("ont encore un solde de 25,00\u{00A0}€"))
            #expect(kept?.email == PrivacyFixture.email)
            #expect(wrongAmount.status == .unprocessableContent && wrongAmount.text.contains("Le solde de vos e-Cartes a changé"))
            #expect(wrongPassword.status == .unprocessableContent && wrongPassword.text.contains("Mot de passe incorrect"))
            #expect(closed.status == .ok && closed.text.contains("Votre compte a été fermé"))
            #expect(afterwards.status == .seeOther)
            #expect(after == ["orders.invoice_buyer_name", "orders.invoice_buyer_email"])
            #expect(try await database.tables.recoveryCodes.remaining(of: fixture.userID) == 0)
            // a closed account stays closed: its CSE's manager cannot re-enable it
            #expect(listed.text.contains("Compte fermé") && !listed.text.contains("Quillembert"))
            #expect(try await Self.ledger(of: fixture.userID, database) == money)
            #expect(login.status != .seeOther)
            #expect(row.status == .closed && row.email == UserTable.anonymisedEmail(of: fixture.userID) && row.passwordHash == "!")
            #expect(entries.count == 1 && entries.first?.target == row.email && entries.first?.details == "Solde abandonné : 25,00\u{00A0}€")
            #expect(smtp.messages.map(\.subject) == ["Votre compte a été fermé"])
            #expect(smtp.messages.first?.to.map(\.email) == [PrivacyFixture.email])
            #expect(smtp.messages.first?.text.contains("25,00\u{00A0}€") == true)
        }
    }

    @Test("with no balance left nothing needs ticking, and the invoice she could download before still names her",
          arguments: TestEngine.available)
    func closeWithoutBalance(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup: her cards are spent to zero
            let fixture = try await PrivacyFixture.make(client, database)
            let secrets = try #require(testCardSecrets), till = fixture.till
            for card in try await CardLedger.cards(ownerID: fixture.userID, on: database.sql) where card.balanceCents > 0 {
                _ = try await till.spend(number: try secrets.number(of: card), pin: try secrets.pin(of: card), cents: card.balanceCents).get()
            }
            // act
            let page = try await fixture.browser.get("/compte/fermer")
            let closed = try await fixture.browser.post("/compte/fermer", ["password": PrivacyFixture.newPassword])
            let buyer = try await database.sql.raw("""
                SELECT invoice_buyer_name, invoice_buyer_email FROM orders WHERE id = \(bind: try fixture.order.requireID())
                """).first()
            // check
            #expect(!page.text.contains("acceptsLoss"))
            #expect(closed.status == .ok)
            #expect(try buyer?.decode(column: "invoice_buyer_name", as: String.self) == "Mme Zéphyrine Quillembert")
            #expect(try buyer?.decode(column: "invoice_buyer_email", as: String.self) == PrivacyFixture.email)
        }
    }

    @Test("the operator closes an employee's account on request from the employee's page, with the same rules", arguments: TestEngine.available)
    func operatorCloses(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let fixture = try await PrivacyFixture.make(client, database)
            let operatorBrowser = TestBrowser(client)
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            // act
            let search = try await operatorBrowser.get("/admin/salaries?email=\(TestBrowser.encode(PrivacyFixture.email))")
            let page = "/admin/salaries/\(fixture.userID)"
            let refused = try await operatorBrowser.post("\(page)/fermer", ["reason": "courrier du 3 décembre"])
            let closed = try await operatorBrowser.post("\(page)/fermer", ["acceptsLoss": "oui", "lossCents": "2500",
                                                                            "reason": "courrier de Zéphyrine du 3 décembre"])
            let gone = try await operatorBrowser.get(page)
            let employee = try await fixture.browser.get("/compte")
            let entry = try await AuditEntry.query(on: database.db).filter(\.$action == AuditAction.accountClosed.rawValue).first()
            // check
            #expect(search.text.contains(PrivacyFixture.email) && search.text.contains("action=\"\(page)/fermer\""))
            #expect(refused.status == .unprocessableContent && refused.text.contains("25,00\u{00A0}€"))
            #expect(closed.status == .seeOther)
            #expect(gone.status == .notFound)
            #expect(employee.status == .seeOther)
            #expect(entry?.actorEmail == "operateur@demo.test")
            #expect(entry?.details == "Solde abandonné : 25,00\u{00A0}€ — demande : courrier de … du 3 décembre")
            let waiting = try await PersonalDataScan.columns(holding: PrivacyFixture.needles, in: database)
            let smtp = try await Self.deliverBySMTP(database)
            let remaining = try await PersonalDataScan.columns(holding: PrivacyFixture.needles, in: database)
            // the farewell e-mail waits with her address, and leaves it behind once sent
            #expect(waiting == ["orders.invoice_buyer_name", "orders.invoice_buyer_email", "jobs.payload"])
            #expect(smtp.messages.map(\.subject) == ["Votre compte a été fermé"])
            #expect(remaining == ["orders.invoice_buyer_name", "orders.invoice_buyer_email"])
        }
    }
}
