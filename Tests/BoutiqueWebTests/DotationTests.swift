import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import BoutiqueWeb
import FluentKit
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Dotations")
struct DotationTests {
    /// The form fields of a dotation for Marie of `cents` for `event` on 18/12/2026.
    static func form(_ marie: UUID, euros: String, event: String = "christmasEmployees", activation: String = "") -> [(String, String)] {
        [("event", event), ("date", "2026-12-18"), ("activation", activation), ("amount", euros), ("who", "selected"),
         ("employees[]", marie.uuidString)]
    }

    static func marie(_ database: BoutiqueDatabase) async throws -> UUID {
        try #require(try await User.query(on: database.db).filter(\.$email == "marie.dupont@demo.test").first()?.requireID())
    }

    /// « Virement reçu » as the operator fills it in: the amount left (prefilled), today, and the
    /// RF reference the transfer page expects.
    static func payByTransfer(_ browser: TestBrowser, _ id: String, amount: String? = nil, reference: String? = nil) async throws -> TestResponse {
        let page = try await browser.get("/admin/dotations/\(id)/virement")
        let expected = page.text.firstMatch(of: /<code>(RF[0-9A-Z ]+)<\/code>/).map { String($0.1) } ?? ""
        let left = page.text.firstMatch(of: /id="amount" name="amount"[^>]* value="([0-9,]*)"/).map { String($0.1) } ?? ""
        return try await browser.post("/admin/dotations/\(id)/virement", ["amount": amount ?? left, "receivedOn": FrenchCalendar.today(Date()).iso,
                                                                          "reference": reference ?? expected])
    }

    static func dotationCount(_ database: BoutiqueDatabase) async throws -> Int {
        try await Dotation.query(on: database.db).filter(\.$status != .cancelled).count()
    }

    @Test("the ceiling warning appears exactly when the running total for the employee, event and year passes 200 €",
          arguments: TestEngine.available)
    func ceilingWarning(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let manager = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            let marie = try await Self.marie(database)
            // act: 150 € then exactly 50 € more (200 €, at the ceiling), then 0,01 € more, then another event
            let first = try await manager.post("/gestion/dotations/apercu", pairs: Self.form(marie, euros: "150"))
            let created = try await manager.post("/gestion/dotations", pairs: [("event", "christmasEmployees"), ("date", "2026-12-18"),
                                                                                ("activation", ""), ("lines[]", "\(marie.uuidString):15000")])
            let atCeiling = try await manager.post("/gestion/dotations/apercu", pairs: Self.form(marie, euros: "50"))
            let over = try await manager.post("/gestion/dotations/apercu", pairs: Self.form(marie, euros: "50,01"))
            let otherEvent = try await manager.post("/gestion/dotations/apercu", pairs: Self.form(marie, euros: "200", event: "birthOrAdoption"))
            let nextYear = try await manager.post("/gestion/dotations/apercu", pairs: [("event", "christmasEmployees"), ("date", "2027-12-17"),
                                                                                     ("amount", "200"), ("who", "all")])
            let refused = try await manager.post("/gestion/dotations", pairs: [("event", "christmasEmployees"), ("date", "2026-12-18"),
                                                                                ("lines[]", "\(marie.uuidString):5001")])
            let countAfterRefusal = try await Self.dotationCount(database)
            let accepted = try await manager.post("/gestion/dotations", pairs: [("event", "christmasEmployees"), ("date", "2026-12-18"),
                                                                                 ("lines[]", "\(marie.uuidString):5001"), ("acceptCeiling", "on")])
            // check
            #expect(first.status == .ok && first.text.contains("Confirmer la dotation (150,00\u{00A0}€)") && !first.text.contains("Attention"))
            #expect(created.status == .seeOther && (created.headers[.location] ?? "").hasPrefix("/gestion/dotations/"))
            #expect(atCeiling.status == .ok && atCeiling.text.contains("150,00\u{00A0}€") && !atCeiling.text.contains("Attention"))
            #expect(over.text.contains("Attention : 1 salarié(s) dépasseraient le plafond de 200,00\u{00A0}€"))
            #expect(over.text.contains("over-ceiling") && over.text.contains("200,01\u{00A0}€"))
            // another event: within its own ceiling, but the year's total (350 €) passes the tolerance
            #expect(!otherEvent.text.contains("dépasseraient le plafond"))
            #expect(otherEvent.text.contains("Attention : 1 salarié(s) dépasseraient la tolérance annuelle de 200,00\u{00A0}€ en 2026"))
            #expect(!nextYear.text.contains("Attention") && nextYear.text.contains("Aucun PMSS n'est configuré pour 2027"))
            #expect(refused.status == .unprocessableContent && refused.text.contains("cochez la case pour confirmer"))
            #expect(countAfterRefusal == 1)
            #expect(accepted.status == .seeOther)
            #expect(try await Self.dotationCount(database) == 2)
        }
    }

    @Test("confirmed → invoice to the CSE; the operator records the transfer → cards carrying the event, e-mail, « Cartes émises »",
          arguments: TestEngine.available)
    func issue(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let manager = TestBrowser(client), operatorBrowser = TestBrowser(client), employee = TestBrowser(client)
            let otherManager = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            _ = try await employee.logIn("marie.dupont@demo.test")
            _ = try await otherManager.logIn("gestion.beta@demo.test")
            let marie = try await Self.marie(database)
            let mail = TestMail(database: database)
            // act
            let created = try await manager.post("/gestion/dotations", pairs: [("event", "christmasEmployees"), ("date", "2026-12-18"),
                                                                                ("lines[]", "\(marie.uuidString):7500")])
            let path = try #require(created.headers[.location]?.split(separator: "?").first.map(String.init))
            let id = try #require(path.split(separator: "/").last.map(String.init))
            let detail = try await manager.get(path)
            let invoice = try await manager.get("\(path)/facture")
            let byOtherManager = try await otherManager.get(path)
            let byEmployee = try await employee.get(path)
            let payByManager = try await manager.post("/admin/dotations/\(id)/virement", ["amount": "75", "receivedOn": "2026-12-07"])
            let list = try await operatorBrowser.get("/admin/dotations")
            let paid = try await Self.payByTransfer(operatorBrowser, id)
            try await mail.deliver()
            try await mail.deliver()
            let cards = try await CardLedger.cards(ownerID: marie, on: database.sql)
            let message = try await mail.last(to: "marie.dupont@demo.test")
            let after = try await manager.get(path)
            let myCards = try await employee.get("/compte/cartes")
            // check
            #expect(detail.text.contains("Noël des salariés 2026") && detail.text.contains("En attente de virement"))
            #expect(invoice.headers[.contentType] == "application/pdf")
            let text = try await PDFText.extract(Array(buffer: invoice.body))
            if let text {
                #expect(text.contains("FACTURE DE DOTATION") && text.contains("CSE Alpha Industries") && text.contains("75,00"))
                #expect(text.contains("Noël des salariés 2026") && text.contains("Virement"))
            }
            #expect(byOtherManager.status == .notFound && byEmployee.status == .forbidden && payByManager.status == .forbidden)
            #expect(list.text.contains("CSE Alpha Industries") && list.text.contains("DOT-000001"))
            #expect(paid.status == .seeOther)
            #expect(cards.count == 1 && cards.first?.event == "Noël des salariés 2026" && cards.first?.faceValueCents == 7500)
            #expect(message?.subject == "Votre CSE vous offre une e-Carte (Noël des salariés 2026)")
            #expect(after.text.contains("Cartes émises"))
            let invoiceMail = try await mail.last(to: "cse@alpha.demo.test")
            #expect(invoiceMail?.subject == "Facture de votre dotation DOT-000001")
            #expect(invoiceMail?.attachments.first?.filename == "facture-FAC-000001.pdf")
            #expect(try await mail.last(to: "gestion.alpha@demo.test")?.subject == "Facture de votre dotation DOT-000001")
            #expect(myCards.text.contains("Noël des salariés 2026"), "\(myCards.text)")
        }
    }

    @Test("with an activation date the cards wait for that day; a cancelled dotation no longer counts", arguments: [TestEngine.sqlite])
    func activationAndCancel(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let manager = TestBrowser(client), operatorBrowser = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            let marie = try await Self.marie(database)
            let later = FrenchCalendar.today(Date()).addingDays(20).iso
            // act
            let created = try await manager.post("/gestion/dotations", pairs: [("event", "retirement"), ("date", "2026-12-18"),
                                                                                ("activation", later), ("lines[]", "\(marie.uuidString):20000")])
            let id = try #require(created.headers[.location]?.split(separator: "?").first?.split(separator: "/").last.map(String.init))
            _ = try await Self.payByTransfer(operatorBrowser, id)
            try await TestMail(database: database).deliver()
            let cardsBefore = try await CardLedger.cards(ownerID: marie, on: database.sql).count
            // 200 € more in the same year passes the yearly tolerance: confirmed with the tick
            let second = try await manager.post("/gestion/dotations", pairs: [("event", "mothersDay"), ("date", "2026-05-31"),
                                                                               ("lines[]", "\(marie.uuidString):20000"), ("acceptCeiling", "on")])
            let secondID = try #require(second.headers[.location]?.split(separator: "?").first?.split(separator: "/").last.map(String.init))
            _ = try await manager.post("/gestion/dotations/\(secondID)/annuler", [:])
            let again = try await manager.post("/gestion/dotations/apercu", pairs: Self.form(marie, euros: "200", event: "mothersDay"))
            // check
            #expect(cardsBefore == 0)
            #expect(try await Dotation.find(UUID(uuidString: id), on: database.db)?.status == .paid)
            let job = try await JobQueue(database: database).list(states: [.pending]).first { $0.kind == Dotations.paidKind }
            #expect(job != nil)
            #expect(try await Dotation.find(UUID(uuidString: secondID), on: database.db)?.status == .cancelled)
            #expect(!again.text.contains("dépasseraient le plafond"))
        }
    }

    @Test("bad dotation input re-renders in French and creates nothing", arguments: [TestEngine.sqlite])
    func badInput(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            let manager = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            let marie = try await Self.marie(database)
            let paul = try #require(try await User.query(on: database.db).filter(\.$email == "paul.martin@demo.test").first()?.requireID())
            let cases: [([(String, String)], String)] = [
                (Self.form(marie, euros: "abc"), "Indiquez un montant par salarié"),
                (Self.form(marie, euros: "0"), "Indiquez un montant par salarié"),
                (Self.form(marie, euros: "10", event: "birthday"), "liste URSSAF"),
                ([("event", "christmasEmployees"), ("date", "2026-02-30"), ("amount", "10"), ("who", "selected"),
                  ("employees[]", marie.uuidString)], "date de l&#39;évènement"),
                ([("event", "christmasEmployees"), ("date", "2026-12-18"), ("amount", "10"), ("who", "selected")], "au moins un salarié"),
                (Self.form(paul, euros: "10"), "pas un salarié actif de votre CSE"),
                ([("event", "christmasEmployees"), ("date", "2026-12-18"), ("who", "csv"), ("csv", "inconnu@x.test;10\nmarie.dupont@demo.test;abc")],
                 "ligne 1 : « inconnu@x.test » n&#39;est pas un salarié actif"),
            ]
            for (fields, message) in cases {
                let response = try await manager.post("/gestion/dotations/apercu", pairs: fields)
                #expect(response.status == .unprocessableContent, "\(fields)")
                #expect(response.text.contains(message), "\(message)")
            }
            let forged = try await manager.post("/gestion/dotations", pairs: [("event", "christmasEmployees"), ("date", "2026-12-18"),
                                                                               ("lines[]", "\(paul.uuidString):1000")])
            #expect(forged.status == .unprocessableContent)
            #expect(try await Self.dotationCount(database) == 0)
        }
    }
}

@Suite("Large dotations")
struct LargeDotationTests {
    /// Adds `count` active employees to CSE Alpha in a few statements.
    static func addEmployees(_ count: Int, database: BoutiqueDatabase) async throws {
        let alpha = try await AccountFlowTests.tenantID("alpha", database)
        for start in stride(from: 0, to: count, by: 500) {
            let users = (start..<min(start + 500, count)).map { index in
                User(tenantID: alpha, role: .employee, status: .active, email: "salarie\(index)@alpha.test", passwordHash: "x",
                     civility: "M.", firstName: "Prénom\(index)", lastName: "Nom\(index)")
            }
            try await users.create(on: database.db)
        }
    }

    @Test("every active employee of a large CSE: the preview carries each line and the confirmation keeps them all",
          arguments: [TestEngine.sqlite])
    func allEmployees(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            try await Self.addEmployees(3_000, database: database)
            let manager = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            // act
            let preview = try await manager.post("/gestion/dotations/apercu", pairs: [("event", "christmasEmployees"), ("date", "2026-12-18"),
                                                                                    ("amount", "30"), ("who", "all")])
            let lines = preview.text.components(separatedBy: "name=\"lines[]\" value=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            let confirmed = try await manager.post("/gestion/dotations", pairs: [("event", "christmasEmployees"), ("date", "2026-12-18")]
                                                   + lines.map { ("lines[]", $0) })
            // check
            #expect(preview.status == .ok && preview.text.contains("Confirmer la dotation (90\u{202F}030,00\u{00A0}€)"))
            #expect(lines.count == 3_001)
            #expect(confirmed.status == .seeOther)
            let dotation = try #require(try await Dotation.query(on: database.db).first())
            #expect(dotation.totalCents == 9_003_000)
            #expect(try await DotationLine.query(on: database.db).count() == 3_001)
        }
    }
}

@Suite("Dotation from a CSV file")
struct DotationFileTests {
    @Test("a CSV file e-mail;montant gives each employee their amount in the preview", arguments: [TestEngine.sqlite])
    func file(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            let manager = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            let csv = "e-mail;montant\r\nmarie.dupont@demo.test;45,50\r\n"
            let preview = try await manager.upload("/gestion/dotations/apercu", file: "file", filename: "dotation.csv",
                                                   bytes: Array(csv.utf8), fields: ["event": "backToSchool", "date": "2026-09-01"])
            let wrong = try await manager.upload("/gestion/dotations/apercu", file: "file", filename: "dotation.csv",
                                                 bytes: Array("paul.martin@demo.test;10\n".utf8), fields: ["event": "backToSchool", "date": "2026-09-01"])
            #expect(preview.status == .ok && preview.text.contains("Confirmer la dotation (45,50\u{00A0}€)"))
            #expect(preview.text.contains("Rentrée scolaire (enfants de moins de 26 ans) 2026"))
            #expect(wrong.status == .unprocessableContent && wrong.text.contains("n&#39;est pas un salarié actif de votre CSE"))
        }
    }
}
