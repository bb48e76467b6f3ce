import BoutiqueCore
import BoutiqueDocuments
import Foundation
import Testing

@Suite("Invoice PDF")
struct InvoiceDocumentTests {
    @Test("qpdf finds one- and multi-page invoices well formed",
          .enabled(if: ExternalTool.shouldRun(.qpdf), ExternalTool.skipComment(.qpdf)))
    func wellFormed() async throws {
        try await withTemporaryDirectory { directory in
            // setup
            _ = try directory.writing(try TestDocuments.invoice().pdf(), to: "short.pdf")
            _ = try directory.writing(try TestDocuments.longInvoice(lineCount: 60).pdf(), to: "long.pdf")
            // act
            let short = try await ExternalTool.qpdf.run(["--check", "short.pdf"], in: directory)
            let long = try await ExternalTool.qpdf.run(["--check", "long.pdf"], in: directory)
            // check
            #expect(short.contains("No syntax or stream encoding errors found"))
            #expect(long.contains("No syntax or stream encoding errors found"))
        }
    }

    @Test("the guide's order: 50 + 100 + 10 € at 5 % is 152,00 € paid, 8,00 € off, with the legal mentions",
          .enabled(if: ExternalTool.shouldRun(.pdftotext), ExternalTool.skipComment(.pdftotext)))
    func guideExample() async throws {
        try await withTemporaryDirectory { directory in
            // setup
            _ = try directory.writing(try TestDocuments.invoice().pdf(), to: "invoice.pdf")
            // act
            let text = normalizedWhitespace(try await ExternalTool.pdftotext.run(["-layout", "invoice.pdf", "-"], in: directory))
            // check
            for expected in [
                "FACTURE", "N° FAC-2026-000001", "Date de facture : 12/03/2026", "Date de la vente : 12/03/2026",
                "Boutique Démo", "SIREN 123 456 789", "SIRET 123 456 789 00012", "RCS Paris 123 456 789",
                "SAS au capital de 10 000,00 €", "FR32 123456789", "Camille Durand", "camille.durand@example.org",
                "47,50 €", "95,00 €", "9,50 €", "Total valeur faciale 160,00 €", "Remise - 8,00 €",
                "Total payé 152,00 €", "Carte bancaire — payé le 12/03/2026",
                "bons à usages multiples", "article 256 ter, 2 du code général des impôts",
                "directive 2006/112/CE", "Page 1 / 1",
            ] {
                #expect(text.contains(expected), "missing: \(expected)")
            }
            // The rate prints as "5 %"; pdftotext drops that narrow gap before "%", so accept both.
            #expect(text.contains("5 % 47,50 €") || text.contains("5% 47,50 €"))
        }
    }

    @Test("a dotation invoice for a CSE uses the same layout with its own title and event",
          .enabled(if: ExternalTool.shouldRun(.pdftotext), ExternalTool.skipComment(.pdftotext)))
    func dotation() async throws {
        try await withTemporaryDirectory { directory in
            // setup
            _ = try directory.writing(try TestDocuments.invoice(kind: .noel).pdf(), to: "dotation.pdf")
            // act
            let text = normalizedWhitespace(try await ExternalTool.pdftotext.run(["-layout", "dotation.pdf", "-"], in: directory))
            // check
            for expected in [
                "FACTURE DE DOTATION", "Évènement : Noël 2026", "CSE Démo Industries", "69003 Lyon",
                "Total à payer 152,00 €", "Virement bancaire", "Échéance : 11/04/2026",
            ] {
                #expect(text.contains(expected), "missing: \(expected)")
            }
            #expect(!text.contains("Facture acquittée"))
        }
    }

    @Test("a long invoice continues on the next pages with the table header repeated",
          .enabled(if: ExternalTool.shouldRun(.pdftotext), ExternalTool.skipComment(.pdftotext)))
    func multiplePages() async throws {
        try await withTemporaryDirectory { directory in
            // setup
            let invoice = try TestDocuments.longInvoice(lineCount: 60)
            _ = try directory.writing(try invoice.pdf(), to: "long.pdf")
            // act: pdftotext separates pages with a form feed
            let pages = try await ExternalTool.pdftotext.run(["-layout", "long.pdf", "-"], in: directory)
                .split(separator: "\u{0C}", omittingEmptySubsequences: true)
                .map { normalizedWhitespace(String($0)) }
                .filter { !$0.isEmpty }
            // check
            #expect(pages.count >= 2)
            for (index, page) in pages.enumerated() {
                let hasLines = page.contains("\(TestDocuments.product) n° ")
                #expect(!hasLines || page.contains("PRODUIT"), "page \(index + 1) lacks the table header")
                #expect(page.contains("Page \(index + 1) / \(pages.count)"))
            }
            #expect(pages[1].contains("Facture N° FAC-2026-000001 (suite)"))
            #expect(pages.joined().contains("n° 60 "))
            let total = try invoice.pricedOrder().total.french.replacingOccurrences(of: "\u{00A0}", with: " ")
                .replacingOccurrences(of: "\u{202F}", with: " ")
            #expect(pages.last?.contains("Total payé \(total)") == true)
        }
    }

    @Test("the same invoice gives the same bytes twice")
    func deterministic() throws {
        // setup
        let invoice = try TestDocuments.longInvoice(lineCount: 40)
        // act
        let first = try invoice.pdf()
        let second = try invoice.pdf()
        // check
        #expect(first == second)
    }

    @Test("totals follow Pricing: each line rounded once, totals summed")
    func totals() throws {
        // act
        let order = try TestDocuments.invoice().pricedOrder()
        // check
        #expect(order.total == Money(cents: 15_200))
        #expect(order.savings == Money(cents: 800))
        #expect(order.faceTotal == Money(cents: 16_000))
    }
}
