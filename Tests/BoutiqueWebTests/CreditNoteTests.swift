import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Credit notes: refunds and cancelled dotations")
struct CreditNoteTests {
    /// The amount the refund's confirmation page shows, posted back to confirm it.
    static func refund(_ operatorBrowser: TestBrowser, _ id: UUID) async throws -> TestResponse {
        let confirmation = try await operatorBrowser.get("/admin/commandes/\(id)/rembourser")
        let amount = try #require(confirmation.text.range(of: "name=\"montant\" value=\"").map {
            String(confirmation.text[$0.upperBound...].prefix { $0 != "\"" })
        })
        return try await operatorBrowser.post("/admin/commandes/\(id)/rembourser", ["montant": amount])
    }

    @Test("a refund issues a credit note next in the invoice sequence, naming the invoice and the amount, e-mailed and listed beside the invoice",
          arguments: TestEngine.available)
    func refund(engine: TestEngine) async throws {
        try await withShop(engine, configuration: AdminOrdersTests.configuration) { client, database in
            // setup: Marie's 50 € card, paid (invoice FAC-000001) and issued
            let order = try await AccountingSequenceTests.paidOrder(database)
            let id = try order.requireID()
            try await TestMail(database: database).deliver()
            let marie = TestBrowser(client), paul = TestBrowser(client), operatorBrowser = TestBrowser(client)
            _ = try await marie.logIn("marie.dupont@demo.test")
            _ = try await paul.logIn("paul.martin@demo.test")
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            let invoiceBefore = try await marie.get("/compte/commandes/\(id)/facture")
            // act
            let refunded = try await Self.refund(operatorBrowser, id)
            // Marie changes her name afterwards: the documents keep the one they were issued to.
            try await User.query(on: database.db).filter(\.$email == "marie.dupont@demo.test").set(\.$lastName, to: "Durand").update()
            let list = try await marie.get("/compte/commandes")
            let note = try await marie.get("/compte/commandes/\(id)/avoir")
            let invoiceAfter = try await marie.get("/compte/commandes/\(id)/facture")
            let byOperator = try await operatorBrowser.get("/admin/commandes/\(id)/avoir")
            let byPaul = try await paul.get("/compte/commandes/\(id)/avoir")
            let adminPage = try await operatorBrowser.get("/admin/commandes/\(id)")
            let mail = try await TestMail(database: database).last(to: "marie.dupont@demo.test")
            // check
            let stored = try #require(try await database.tables.creditNotes.of(orderID: id))
            let amount = Money(cents: stored.totalCents)
            #expect(refunded.headers[.location] == "/admin/commandes/\(id)?ok=rembourse")
            #expect(order.invoiceNumber == 1 && stored.number == 2 && stored.invoiceNumber == 1)
            #expect(stored.totalCents == order.totalCents && stored.faceTotalCents == order.faceTotalCents)
            #expect(list.text.contains("/compte/commandes/\(id)/avoir") && list.text.contains("OBTENIR L'AVOIR"))
            #expect(note.status == .ok && note.headers[.contentDisposition]?.contains("avoir-FAC-000002.pdf") == true)
            #expect(byOperator.status == .ok && Array(buffer: byOperator.body) == Array(buffer: note.body))
            #expect(byPaul.status == .notFound)
            #expect(invoiceAfter.status == .ok && Array(buffer: invoiceAfter.body) == Array(buffer: invoiceBefore.body))
            #expect(adminPage.text.contains("/admin/commandes/\(id)/facture") && adminPage.text.contains("/admin/commandes/\(id)/avoir"))
            if let text = try await PDFText.extract(Array(buffer: note.body)) {
                let today = FrenchCalendar.today(Date()).french
                #expect(text.contains("AVOIR") && text.contains("N° FAC-000002"), "\(text)")
                #expect(text.contains("Facture rectifiée : FAC-000001 du \(today)") && text.contains("Commande N° \(order.reference)"))
                #expect(text.contains("Avoir au profit de") && text.contains("Marie Dupont") && !text.contains("Durand"))
                #expect(text.contains("Total de l'avoir") && text.contains(amount.decimal.replacingOccurrences(of: ".", with: ",")), "\(text)")
                #expect(text.contains("Motif : Remboursement de la commande"))
            }
            #expect(mail?.subject == "Remboursement de votre commande \(order.reference)")
            #expect(mail?.attachments.map(\.filename) == ["avoir-FAC-000002.pdf"])
            #expect(mail?.text.contains("l'avoir FAC-000002") == true)
        }
    }

    @Test("a cancelled dotation keeps its invoice, without the transfer block; its credit note cancels it for the whole amount and goes to the CSE",
          arguments: TestEngine.available)
    func cancelledDotation(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup: a 75 € dotation (invoice FAC-000001), confirmed by CSE Alpha's manager
            let manager = TestBrowser(client), otherManager = TestBrowser(client), operatorBrowser = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            _ = try await otherManager.logIn("gestion.beta@demo.test")
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            let id = try await DotationTransferTests.dotation(manager, database)
            try await TestMail(database: database).deliver()
            // act
            let confirmation = try await manager.get("/gestion/dotations/\(id)/annuler")
            let cancelled = try await manager.post("/gestion/dotations/\(id)/annuler", [:])
            let again = try await operatorBrowser.post("/admin/dotations/\(id)/annuler", [:])
            let page = try await manager.get("/gestion/dotations/\(id)")
            let invoice = try await manager.get("/gestion/dotations/\(id)/facture")
            let note = try await manager.get("/gestion/dotations/\(id)/avoir")
            let byOperator = try await operatorBrowser.get("/admin/dotations/\(id)/avoir")
            let byOtherCSE = try await otherManager.get("/gestion/dotations/\(id)/avoir")
            let mail = try await TestMail(database: database).last(to: "cse@alpha.demo.test")
            let csv = try await operatorBrowser.get("/admin/exports/comptabilite.csv?du=\(FrenchCalendar.today(Date()).iso)&au=\(FrenchCalendar.today(Date()).iso)")
            // check
            let notes = try await database.tables.creditNotes.issued(acrossTenants: .distantPast, before: .distantFuture)
            #expect(confirmation.status == .ok && cancelled.status == .seeOther && again.status == .seeOther)
            #expect(notes.count == 1 && notes.first?.number == 2 && notes.first?.totalCents == 7_500, "a second cancellation issues nothing")
            #expect(page.text.contains("Annulée") && page.text.contains("/gestion/dotations/\(id)/avoir") && page.text.contains("FAC-000002"))
            #expect(invoice.status == .ok && note.status == .ok && byOperator.status == .ok && byOtherCSE.status == .notFound)
            if let text = try await PDFText.extract(Array(buffer: invoice.body)) {
                #expect(text.contains("FAC-000001") && !text.contains("FR76 3000") && !text.contains("Référence à indiquer"), "\(text)")
            }
            if let text = try await PDFText.extract(Array(buffer: note.body)) {
                #expect(text.contains("AVOIR") && text.contains("N° FAC-000002") && text.contains("Facture rectifiée : FAC-000001"), "\(text)")
                #expect(text.contains("Dotation N° DOT-000001") && text.contains("Total de l'avoir") && text.contains("75,00"))
                #expect(text.contains("Motif : Annulation de la dotation"))
            }
            #expect(mail?.subject == "Annulation de votre dotation DOT-000001 : avoir FAC-000002")
            #expect(mail?.attachments.map(\.filename) == ["avoir-FAC-000002.pdf"])
            let rows = csv.text.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }.map { $0.components(separatedBy: ";") }
            #expect(rows.map { $0[1] } == ["FAC-000001", "FAC-000002"], "\(csv.text)")
            #expect(rows.last.map { [$0[2], $0[6], $0[8], $0[11]] } == ["Avoir", "-75,00", "-75,00", "FAC-000001"])
            #expect(rows.reduce(0) { $0 + (Int($1[8].replacingOccurrences(of: ",", with: "")) ?? 99) } == 0, "invoiced minus credited")
        }
    }
}
