import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Accounting: the FEC journal and the cards' liability")
struct JournalExportTests {
    /// A day of the shop's money: order A (50 €) paid, issued, 10 € spent at a till, the rest
    /// expired; order B (50 €) paid, issued and refunded (credit note); a 75 € dotation confirmed
    /// and paid by transfer. - Returns: order A and B.
    static func day(_ client: any TestClientProtocol, _ database: BoutiqueDatabase) async throws -> (Order, Order, TestBrowser) {
        let manager = TestBrowser(client), operatorBrowser = TestBrowser(client)
        _ = try await manager.logIn("gestion.alpha@demo.test")
        _ = try await operatorBrowser.logIn("operateur@demo.test")
        let secrets = try #require(testCardSecrets)
        let issuance = CardIssuance(database: database, issuer: CardIssuer(database: database, secrets: secrets, prefix: try CardIssuerPrefix("5032")),
                                    composer: try await MailComposer(settings: MailSettings()))
        let till = try await TestTill.open(database, secrets: secrets)
        let orderA = try await AccountingSequenceTests.paidOrder(database)
        try await issuance.issue(orderID: try orderA.requireID())
        let cardA = try #require(try await CardLedger.cards(ownerID: orderA.$user.id, on: database.sql).first)
        _ = try await till.spend(number: try secrets.number(of: cardA), pin: try secrets.pin(of: cardA), cents: 1_000).get()
        try await database.sql.raw("UPDATE cards SET expires_at = 0 WHERE id = \(bind: cardA.id)").run()
        _ = try await database.transaction { try await $0.cardExpiry.expire(cardID: cardA.id, now: EpochMilliseconds.from(Date())) }
        let orderB = try await AccountingSequenceTests.paidOrder(database)
        try await issuance.issue(orderID: try orderB.requireID())
        _ = try await CreditNoteTests.refund(operatorBrowser, try orderB.requireID())
        let id = try await DotationTransferTests.dotation(manager, database)
        _ = try await DotationTests.payByTransfer(operatorBrowser, id)
        return (orderA, orderB, operatorBrowser)
    }

    /// The FEC's lines as fields, read back from its ISO 8859-15 bytes.
    static func lines(_ body: [UInt8]) -> [[String]] {
        let text = String(body.map { Character(Unicode.Scalar($0)) })
        return text.components(separatedBy: "\r\n").filter { !$0.isEmpty }.map { $0.components(separatedBy: "\t") }
    }

    static func cents(_ field: String) -> Int64 { Int64(field.replacingOccurrences(of: ",", with: "")) ?? -999_999 }

    @Test("the FEC of a day: 18 fields, every entry balanced, sales equal to the invoices less the credit notes, the liability account equal to the cards' outstanding balances",
          arguments: TestEngine.available)
    func fec(engine: TestEngine) async throws {
        try await withShop(engine, configuration: AdminOrdersTests.configuration) { client, database in
            // setup
            let (orderA, orderB, operatorBrowser) = try await Self.day(client, database)
            let today = FrenchCalendar.today(Date())
            // act
            let response = try await operatorBrowser.get("/admin/exports/fec.txt?du=\(today.iso)&au=\(today.iso)")
            let csv = try await operatorBrowser.get("/admin/exports/comptabilite.csv?du=\(today.iso)&au=\(today.iso)")
            let liability = try await CardLiability(database: database).report(at: today)
            // check: the layout
            let day = today.iso.replacingOccurrences(of: "-", with: "")
            #expect(response.status == .ok && response.headers[.contentDisposition]?.contains("000000000FEC\(day).txt") == true)
            let lines = Self.lines(Array(buffer: response.body))
            #expect(lines.first == FECWriter.fields)
            let rows = lines.dropFirst()
            #expect(!rows.isEmpty && rows.allSatisfy { $0.count == 18 })
            #expect(rows.allSatisfy { $0[3] == day && $0[15] == day && $0[11].wholeMatch(of: /[0-9]+,[0-9]{2}/) != nil })
            #expect(rows.allSatisfy { (Self.cents($0[11]) == 0) != (Self.cents($0[12]) == 0) }, "each line is a debit or a credit")
            // every entry balanced, numbered 1, 2, 3… without a gap
            let entries = Dictionary(grouping: rows, by: { Int($0[2]) ?? 0 })
            #expect(entries.keys.sorted() == Array(1...entries.count))
            for (number, lines) in entries {
                #expect(lines.reduce(0) { $0 + Self.cents($1[11]) } == lines.reduce(0) { $0 + Self.cents($1[12]) }, "entry \(number)")
            }
            // sales: the customers' account in the sales journal is what the invoices kept
            let sales = rows.filter { $0[0] == "VT" && $0[4] == "411000" }
            let invoiced = sales.reduce(0) { $0 + Self.cents($1[11]) - Self.cents($1[12]) }
            let csvRows = csv.text.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }.map { $0.components(separatedBy: ";") }
            #expect(invoiced == csvRows.reduce(0) { $0 + Self.cents($1[8]) }, "\(csv.text)")
            #expect(Set(rows.filter { $0[0] == "VT" }.map { $0[8] }) == Set(csvRows.map { $0[1] }), "one entry per invoice and credit note")
            // the liability account: credited at invoice, debited by tills, expiry and credit notes
            let held = rows.filter { $0[4] == "419100" }.reduce(0) { $0 + Self.cents($1[12]) - Self.cents($1[11]) }
            let dotation = try #require(try await Dotation.query(on: database.db).first())
            let notIssued = dotation.status == .issued ? 0 : Int64(dotation.totalCents)
            #expect(held == Int64(liability.total.outstanding.cents) + notIssued)
            #expect(liability.total.outstanding.cents == 0 && liability.total.redeemed.cents == 1_000 && liability.total.expired.cents == 4_000)
            #expect(liability.total.refunded.cents == orderB.faceTotalCents && liability.total.issued.cents == orderA.faceTotalCents + orderB.faceTotalCents)
            // the day's till payments, expiry and transfer
            let tills = rows.filter { $0[8] == "CAISSES-\(day)" }
            #expect(tills.map { [$0[0], $0[4], $0[11], $0[12]] } == [["OD", "419100", "10,00", "0,00"], ["OD", "467100", "0,00", "10,00"]])
            #expect(rows.filter { $0[8] == "EXPIRATIONS-\(day)" }.map { [$0[4], $0[11], $0[12]] }
                    == [["419100", "40,00", "0,00"], ["758000", "0,00", "40,00"]])
            #expect(rows.contains { $0[0] == "BQ" && $0[4] == "512000" && $0[11] == "75,00" })
            #expect(rows.contains { $0[0] == "BQ" && $0[4] == "411000" && $0[6] == "CSE-ALPHA" && $0[12] == "75,00" })
            #expect(rows.filter { $0[0] == "CB" && $0[4] == "511500" }.count >= 2, "both charges")
            let audit = try await AuditEntry.query(on: database.db).filter(\.$action == AuditAction.journalExported.rawValue).count()
            #expect(audit == 1)
        }
    }

    @Test("the liability page and CSV at a date: by CSE and product, as the ledger stood; an earlier day has none; a wrong date is refused in French",
          arguments: TestEngine.available)
    func liability(engine: TestEngine) async throws {
        try await withShop(engine, configuration: AdminOrdersTests.configuration) { client, database in
            // setup: Marie's 50 € card, paid and issued, 10 € spent
            let secrets = try #require(testCardSecrets)
            let order = try await AccountingSequenceTests.paidOrder(database)
            let issuance = CardIssuance(database: database, issuer: CardIssuer(database: database, secrets: secrets, prefix: try CardIssuerPrefix("5032")),
                                        composer: try await MailComposer(settings: MailSettings()))
            try await issuance.issue(orderID: try order.requireID())
            let card = try #require(try await CardLedger.cards(ownerID: order.$user.id, on: database.sql).first)
            let till = try await TestTill.open(database, secrets: secrets)
            _ = try await till.spend(number: try secrets.number(of: card), pin: try secrets.pin(of: card), cents: 1_000).get()
            let operatorBrowser = TestBrowser(client), manager = TestBrowser(client)
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            _ = try await manager.logIn("gestion.alpha@demo.test")
            let today = FrenchCalendar.today(Date())
            // act
            let page = try await operatorBrowser.get("/admin/encours?date=\(today.iso)")
            let before = try await operatorBrowser.get("/admin/encours?date=\(today.addingDays(-1).iso)")
            let wrong = try await operatorBrowser.get("/admin/encours?date=31-12-2026")
            let csv = try await operatorBrowser.get("/admin/exports/encours.csv?date=\(today.iso)")
            let fecReversed = try await operatorBrowser.get("/admin/exports/fec.txt?du=\(today.iso)&au=\(today.addingDays(-1).iso)")
            let fecWrong = try await operatorBrowser.get("/admin/exports/fec.txt?du=2026-13-01&au=hier")
            let byManager = try await manager.get("/admin/encours")
            // check
            let product = try #require(try await Product.query(on: database.db).first())
            #expect(page.status == .ok && page.text.contains(product.name) && page.text.contains("CSE Alpha") && page.text.contains("40,00"), "\(page.text)")
            #expect(before.status == .ok && before.text.contains("Aucune e-Carte émise à cette date."))
            #expect(wrong.status == .unprocessableContent && wrong.text.contains("Indiquez une date au format AAAA-MM-JJ."))
            let rows = csv.text.components(separatedBy: "\r\n").filter { !$0.isEmpty }.map { $0.components(separatedBy: ";") }
            #expect(rows.first?.count == CardLiability.header.count)
            #expect(rows.dropFirst().first.map { Array($0[2...]) } == ["1", "1", "50,00", "10,00", "0,00", "0,00", "40,00"], "\(csv.text)")
            #expect(rows.last?.first == "\"Total\"" || rows.last?.first == "Total")
            #expect(byManager.status == .forbidden || byManager.status == .notFound)
            for refused in [fecReversed, fecWrong] {
                #expect(refused.status == .unprocessableContent && refused.text.contains("Indiquez deux dates au format AAAA-MM-JJ"))
            }
            #expect(try await AuditEntry.query(on: database.db).filter(\.$action == AuditAction.journalExported.rawValue).count() == 0,
                    "a refused export is not one")
            let audit = try await AuditEntry.query(on: database.db).filter(\.$action == AuditAction.cardLiabilityExported.rawValue).count()
            #expect(audit == 1)
        }
    }
}
