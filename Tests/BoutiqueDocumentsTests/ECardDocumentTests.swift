import BoutiqueCore
import BoutiqueDocuments
import Foundation
import Testing

@Suite("E-card PDF")
struct ECardDocumentTests {
    @Test("qpdf finds the e-card PDF well formed",
          .enabled(if: ExternalTool.shouldRun(.qpdf), ExternalTool.skipComment(.qpdf)))
    func wellFormed() async throws {
        try await withTemporaryDirectory { directory in
            // setup
            let pdf = try TestDocuments.eCard(logo: try PDFImage(bytes: TestDocuments.jpegLogo)).pdf()
            _ = try directory.writing(pdf, to: "card.pdf")
            // act
            let report = try await ExternalTool.qpdf.run(["--check", "card.pdf"], in: directory)
            // check
            #expect(report.contains("No syntax or stream encoding errors found"))
        }
    }

    @Test("the card shows value, grouped number, PIN, expiry, conditions and how to pay",
          .enabled(if: ExternalTool.shouldRun(.pdftotext), ExternalTool.skipComment(.pdftotext)))
    func texts() async throws {
        try await withTemporaryDirectory { directory in
            // setup
            _ = try directory.writing(try TestDocuments.eCard().pdf(), to: "card.pdf")
            // act
            let text = normalizedWhitespace(try await ExternalTool.pdftotext.run(["card.pdf", "-"], in: directory))
            // check
            for expected in [
                "Enseigne Démo", "e-Carte Encore plus d'économies", "50,00 €", "5032 1234 5678 9012 345",
                "Code PIN : 4821", "Date expiration : 09/07/2020",
                "Revente / Utilisable sur tout le magasin sauf carburant", "Utilisable en une ou plusieurs fois",
                "Imprimez cette e-Carte et remettez-la à l'hôte(sse) de caisse, ou présentez le code-barres sur votre smartphone",
                "« Où dépenser ma e-Carte »", "CMD-000324",
            ] {
                #expect(text.contains(expected), "missing: \(expected)")
            }
        }
    }

    @Test("the printed barcode scans as exactly the 19-digit card number",
          .enabled(if: ExternalTool.shouldRun(.pdftoppm, .zbarimg), ExternalTool.skipComment(.pdftoppm, .zbarimg)))
    func barcodeScans() async throws {
        try await withTemporaryDirectory { directory in
            // setup
            _ = try directory.writing(try TestDocuments.eCard().pdf(), to: "card.pdf")
            // act
            try await ExternalTool.pdftoppm.run(["-r", "150", "-png", "-singlefile", "card.pdf", "card"], in: directory)
            let decoded = try await ExternalTool.zbarimg.run(["--raw", "-q", "card.png"], in: directory)
            // check
            #expect(decoded.split(separator: "\n") == ["5032123456789012345"])
        }
    }

    @Test("a retailer name too long for the card is shortened with … and the value stays whole",
          .enabled(if: ExternalTool.shouldRun(.pdftotext), ExternalTool.skipComment(.pdftotext)))
    func longNames() async throws {
        try await withTemporaryDirectory { directory in
            // setup
            var card = try TestDocuments.eCard()
            card.retailerName = "Enseigne Démo avec un nom vraiment beaucoup trop long pour la carte"
            card.value = Money(cents: 123_450)
            _ = try directory.writing(card.pdf(), to: "card.pdf")
            // act: the card band's lines, as laid out
            let text = try await ExternalTool.pdftotext.run(["-layout", "card.pdf", "-"], in: directory)
            // check: the name is cut, and the value is printed in full on the band's next line
            let lines = text.split(separator: "\n")
            let nameLine = try #require(lines.firstIndex { $0.contains("Enseigne Démo avec") })
            #expect(lines[nameLine].hasSuffix("…"))
            #expect(lines[nameLine + 1].contains("1 234,50 €"))
        }
    }

    @Test("the same card gives the same bytes twice")
    func deterministic() throws {
        // setup
        let card = try TestDocuments.eCard(logo: try PDFImage(bytes: TestDocuments.pngRGBLogo))
        // act
        let first = card.pdf()
        let second = card.pdf()
        // check
        #expect(first == second)
        #expect(first.starts(with: Array("%PDF-1.7".utf8)))
    }
}
