import BoutiqueCore
import BoutiqueDocuments
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import HummingbirdTesting
import Testing

/// Payable dotation invoices: the CSE's legal identity as the buyer, the seller's IBAN, BIC and
/// RF reference with the EPC QR code, and « Virement reçu » with its amount, date and reference.
@Suite("Dotations paid by transfer")
struct DotationTransferTests {
    static let siret = "732 829 320 00074"

    static func alphaSettings(_ extra: [String: String]) -> [String: String] {
        ["name": "CSE Alpha Industries", "contactEmail": "cse@alpha.demo.test", "maxOrder": "1500", "yearlyCap": "5000", "maxCartLines": "20",
         "approval": "manager", "brandColor": "#1d4f91", "openForRegistration": "on", "isEnabled": "on"].merging(extra) { $1 }
    }

    static func dotation(_ manager: TestBrowser, _ database: BoutiqueDatabase, cents: Int = 7_500) async throws -> String {
        let marie = try await DotationTests.marie(database)
        let created = try await manager.post("/gestion/dotations", pairs: [("event", "christmasEmployees"), ("date", "2026-12-18"),
                                                                            ("lines[]", "\(marie.uuidString):\(cents)")])
        return try #require(created.headers[.location]?.split(separator: "?").first?.split(separator: "/").last.map(String.init))
    }

    static func cardCount(_ database: BoutiqueDatabase) async throws -> Int {
        try await CardLedger.cards(ownerID: try await DotationTests.marie(database), on: database.sql).count
    }

    @Test("the invoice names the CSE by its legal identity and SIRET, prints the IBAN, BIC and RF reference, and its QR code is the exact EPC transfer; the e-mail says the same",
          arguments: TestEngine.available)
    func payableInvoice(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let manager = TestBrowser(client), operatorBrowser = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            let alpha = try #require(try await BoutiqueShopTestData.tenant("alpha", database)?.requireID())
            // act
            let saved = try await operatorBrowser.post("/admin/cse/\(alpha)", Self.alphaSettings([
                "legalName": "Comité social et économique d'Alpha Industries", "legalAddress": "4 avenue des Usines\r\n69007 Lyon",
                "siret": Self.siret]))
            let shown = try await operatorBrowser.get("/admin/cse/\(alpha)")
            let id = try await Self.dotation(manager, database)
            try await TestMail(database: database).deliver()
            let pdf = try await manager.get("/gestion/dotations/\(id)/facture")
            let mail = try await TestMail(database: database).last(to: "cse@alpha.demo.test")
            // check
            let seller = ShopSettings.demoSeller
            let reference = try CreditorReference(invoiceNumber: "FAC-000001")
            let expected = try EPCTransfer(beneficiaryName: seller.name, iban: try #require(seller.iban), bic: seller.bic,
                                           amount: Money(cents: 7_500), remittance: .structured(reference))
            #expect(saved.status == .seeOther && shown.text.contains("732 829 320 00074") && shown.text.contains("69007 Lyon"))
            #expect(expected.payload == "BCD\n002\n1\nSCT\nBDEMFRPPXXX\nBoutique Démo\nFR7630006000011234567890189\nEUR75.00\n\n\(reference.electronic)")
            if let text = try await PDFText.extract(Array(buffer: pdf.body)) {
                #expect(text.contains("Comité social et économique d'Alpha Industries") && text.contains("4 avenue des Usines"))
                #expect(text.contains("SIRET 732 829 320 00074"))
                #expect(text.contains("FR76 3000 6000 0112 3456 7890 189") && text.contains("BDEMFRPPXXX") && text.contains(reference.grouped))
            }
            if let decoded = try await PDFBarcodes.decode(Array(buffer: pdf.body)) {
                #expect(decoded == [expected.payload])
            }
            #expect(mail?.text.contains("IBAN : FR76 3000 6000 0112 3456 7890 189") == true)
            #expect(mail?.text.contains("Référence à indiquer : \(reference.grouped)") == true)
        }
    }

    @Test("a wrong SIRET, or an identity with no address, is refused in French and changes nothing", arguments: TestEngine.available)
    func identityRefused(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let operatorBrowser = TestBrowser(client)
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            let alpha = try #require(try await BoutiqueShopTestData.tenant("alpha", database)?.requireID())
            // act
            let wrongKey = try await operatorBrowser.post("/admin/cse/\(alpha)", Self.alphaSettings([
                "legalName": "CSE Alpha", "legalAddress": "4 avenue des Usines\n69007 Lyon", "siret": "732 829 320 00075"]))
            let noAddress = try await operatorBrowser.post("/admin/cse/\(alpha)", Self.alphaSettings([
                "legalName": "CSE Alpha", "legalAddress": "", "siret": Self.siret]))
            let stored = try await BoutiqueShopTestData.tenant("alpha", database)
            // check
            #expect(wrongKey.status == .unprocessableContent && wrongKey.text.contains("la clé de contrôle ne correspond pas"))
            #expect(noAddress.status == .unprocessableContent && noAddress.text.contains("adresse postale du CSE sur 2 à 4 lignes"))
            #expect(stored?.settings.legalIdentity == nil)
        }
    }

    @Test("a partial transfer issues nothing and says what is left; the rest pays and issues the card; an excess is stated; a wrong reference needs the tick; a future date is refused",
          arguments: TestEngine.available)
    func transfers(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let manager = TestBrowser(client), operatorBrowser = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            let id = try await Self.dotation(manager, database, cents: 10_000)
            let path = "/admin/dotations/\(id)/virement"
            let today = FrenchCalendar.today(Date())
            // act
            let page = try await operatorBrowser.get(path)
            let future = try await operatorBrowser.post(path, ["amount": "40", "receivedOn": today.addingDays(1).iso, "reference": "FAC-000001"])
            let stranger = try await operatorBrowser.post(path, ["amount": "40", "receivedOn": today.iso, "reference": "VIR SEPA DIVERS"])
            let partial = try await DotationTests.payByTransfer(operatorBrowser, id, amount: "40")
            try await TestMail(database: database).deliver()
            let cardsAfterPartial = try await Self.cardCount(database)
            let between = try await operatorBrowser.get(path)
            let cancelPage = try await manager.get("/gestion/dotations/\(id)/annuler")
            let managerDetail = try await manager.get("/gestion/dotations/\(id)")
            let rest = try await operatorBrowser.post(path, ["amount": "60", "receivedOn": today.iso, "reference": "VIR SEPA DIVERS",
                                                             "acceptsMismatch": "oui"])
            try await TestMail(database: database).deliver()
            let cardsAfterRest = try await Self.cardCount(database)
            let again = try await operatorBrowser.post(path, ["amount": "60", "receivedOn": today.iso, "reference": "FAC-000001"])
            let excessID = try await Self.dotation(manager, database, cents: 5_000)
            let excess = try await DotationTests.payByTransfer(operatorBrowser, excessID, amount: "55")
            let rows = try await database.tables.dotationTransfers.all(of: try #require(UUID(uuidString: id)))
            let audit = try await AuditEntry.query(on: database.db).filter(\.$action == AuditAction.dotationPaid.rawValue).all().map(\.details)
            // check
            #expect(page.text.contains("Reste à recevoir</dt><dd><strong>100,00\u{00A0}€") && page.text.contains("name=\"_csrf\""))
            #expect(future.status == .unprocessableContent && future.text.contains("ne peut pas être postérieure à aujourd"))
            #expect(stranger.status == .unprocessableContent && stranger.text.contains("La référence du relevé ne cite ni")
                && stranger.text.contains("name=\"acceptsMismatch\""))
            #expect(partial.headers[.location]?.hasSuffix("ok=partiel") == true && cardsAfterPartial == 0)
            #expect(between.text.contains("Reste à recevoir</dt><dd><strong>60,00\u{00A0}€") && between.text.contains("40,00\u{00A0}€"))
            #expect(cancelPage.text.contains("Le CSE a déjà viré 40,00\u{00A0}€") && managerDetail.text.contains("Virements reçus</dt><dd>40,00"))
            #expect(rest.headers[.location]?.hasSuffix("ok=payee") == true && cardsAfterRest == 1)
            #expect(again.headers[.location]?.hasSuffix("ok=deja") == true)
            #expect(rows.map(\.amount.cents) == [4_000, 6_000] && rows.map(\.referenceMatches) == [true, false])
            #expect(excess.headers[.location]?.hasSuffix("ok=trop-percu") == true)
            #expect(audit.contains { $0.contains("trop-perçu 5,00\u{00A0}€") })
            #expect(audit.contains { $0.contains("total reçu 100,00\u{00A0}€") })
        }
    }
}

/// The QR code `zbarimg` reads on a PDF's first page at 150 dpi; nil when the
/// tools are missing outside CI.
enum PDFBarcodes {
    static func decode(_ pdf: [UInt8]) async throws -> [String]? {
        let tools = ["/usr/bin/pdftoppm", "/usr/bin/zbarimg"]
        guard tools.allSatisfy({ FileManager.default.isExecutableFile(atPath: $0) }) else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { throw PDFText.Missing() }
            return nil
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pdf-barcodes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("document.pdf")
        try Data(pdf).write(to: file)
        _ = try await Blocking.output(of: tools[0], ["-r", "150", "-f", "1", "-l", "1", "-png", file.path, folder.appendingPathComponent("page").path])
        let page = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasSuffix(".png") })
        // QR codes only (the payload's own line feeds would split anything else), one line feed after it.
        let output = try await Blocking.output(of: tools[1], ["--raw", "-q", "-Sdisable", "-Sqrcode.enable", folder.appendingPathComponent(page).path])
        return [output.hasSuffix("\n") ? String(output.dropLast()) : output]
    }
}
