import BoutiqueCore
import BoutiqueDocuments
import Foundation
import Testing

@Suite("PDF writer")
struct PDFWriterTests {
    @Test("text is measured with the AFM widths of the standard fonts")
    func measurement() {
        // act
        let helvetica = PDFFont.helvetica.width(of: "Date expiration : 09/07/2020 é€", size: 10)
        let bold = PDFFont.helveticaBold.width(of: "Élan « Noël » 50,00 €", size: 12)
        let courier = PDFFont.courier.width(of: "5032 1234", size: 10)
        // check: values computed with ReportLab's copy of Adobe's AFM data
        #expect(abs(helvetica - 139.53) < 0.001)
        #expect(abs(bold - 118.068) < 0.001)
        #expect(courier == 54)
    }

    @Test("French characters, €, « » and no-break spaces map to WinAnsi codes")
    func encoding() {
        // act
        let text = PDFText("é è à ç ô É « » € ’ œ\u{202F}\u{00A0}✓")
        // check: unknown characters become "?", no-break spaces stay 0xA0 until printed
        #expect(text.bytes == [0xE9, 0x20, 0xE8, 0x20, 0xE0, 0x20, 0xE7, 0x20, 0xF4, 0x20, 0xC9, 0x20,
                               0xAB, 0x20, 0xBB, 0x20, 0x80, 0x20, 0x92, 0x20, 0x9C, 0xA0, 0xA0, 0x3F])
    }

    @Test("wrapping breaks at spaces within the width, never at a no-break space")
    func wrapping() {
        // setup
        let text = PDFText("Total payé : 1\u{202F}234,50\u{00A0}€ pour trois e-Cartes")
        // act
        let lines = text.lines(font: .helvetica, size: 10, width: 80)
        // check
        let printed = lines.map { String(decoding: $0.map { $0 == 0xA0 ? 0x20 : $0 }, as: Unicode.ASCII.self) }
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { PDFFont.helvetica.width(of: PDFText(String(decoding: Array($0), as: UTF8.self)), size: 10) <= 80 || $0.count == 1 })
        #expect(printed[1].hasPrefix("1 234,50"))
        #expect(lines[1].contains(0x80))
    }

    @Test("a word wider than the line is cut rather than overflowing")
    func longWord() {
        // act
        let lines = PDFText(String(repeating: "W", count: 40)).lines(font: .helvetica, size: 10, width: 100)
        // check: W is 944/1000 em, so 10 fit in 100 pt
        #expect(lines.map(\.count) == [10, 10, 10, 10])
    }

    @Test("the cross-reference table points at every object's first byte")
    func crossReference() throws {
        // setup
        var document = PDFDocument(info: PDFDocumentInfo(title: "Test", creationDate: TestDocuments.createdAt))
        var page = PDFPage()
        page.drawText("Bonjour", x: 10, y: 20, font: .helvetica, size: 12)
        document.append(page)
        // act
        let bytes = document.bytes()
        // check: every "n" entry of the xref table is the offset of "<number> 0 obj"
        let text = String(decoding: bytes, as: Unicode.ASCII.self)
        let startxref = try #require(text.range(of: "startxref\n", options: .backwards))
        let xrefOffset = try #require(Int(text[startxref.upperBound...].prefix { $0.isNumber }))
        let table = String(decoding: bytes[xrefOffset...], as: Unicode.ASCII.self)
        #expect(table.hasPrefix("xref\n0 8\n0000000000 65535 f \n"))
        let entries = table.split(separator: "\n").dropFirst(3)
            .prefix { !$0.hasPrefix("trailer") }
        #expect(entries.count == 7)
        for (index, entry) in entries.enumerated() {
            let offset = try #require(Int(entry.prefix(10)))
            let header = "\(index + 1) 0 obj"
            #expect(String(decoding: bytes[offset..<offset + header.utf8.count], as: UTF8.self) == header)
        }
    }

    @Test("the creation date and a non-ASCII title are written in PDF syntax")
    func info() {
        // setup
        let document = PDFDocument(info: PDFDocumentInfo(title: "Été", creationDate: TestDocuments.createdAt))
        // act
        let text = String(decoding: document.bytes(), as: Unicode.ASCII.self)
        // check: UTF-16BE with a byte-order mark for the title
        #expect(text.contains("/CreationDate (D:20260312144500Z)"))
        #expect(text.contains("/Title <FEFF00C9007400E9>"))
        #expect(text.contains("/Producer (Boutique)"))
    }

    @Test("JPEG, RGB PNG and palette PNG logos are embedded at their pixel size",
          .enabled(if: ExternalTool.shouldRun(.pdfimages, .qpdf), ExternalTool.skipComment(.pdfimages, .qpdf)))
    func images() async throws {
        try await withTemporaryDirectory { directory in
            // setup
            var document = PDFDocument(info: PDFDocumentInfo(title: "Logos", creationDate: TestDocuments.createdAt))
            var page = PDFPage()
            for (index, bytes) in [TestDocuments.jpegLogo, TestDocuments.pngRGBLogo, TestDocuments.pngPaletteLogo].enumerated() {
                let image = document.add(try PDFImage(bytes: bytes))
                page.drawImage(image, x: 20, y: 20 + Double(index) * 40, width: 96, height: 32)
            }
            document.append(page)
            _ = try directory.writing(document.bytes(), to: "logos.pdf")
            // act
            try await ExternalTool.qpdf.run(["--check", "logos.pdf"], in: directory)
            let list = try await ExternalTool.pdfimages.run(["-list", "logos.pdf"], in: directory)
            // check: three 48 × 16 images, JPEG then two PNG-predicted Flate streams
            let rows = list.split(separator: "\n").dropFirst(2).map { $0.split(separator: " ") }
            #expect(rows.count == 3)
            #expect(rows.map { $0[3] } == ["48", "48", "48"])
            #expect(rows.map { $0[4] } == ["16", "16", "16"])
            #expect(rows.map { $0[5] } == ["rgb", "rgb", "index"])
            #expect(rows.map { $0[8] } == ["jpeg", "image", "image"])
        }
    }

    @Test("a PNG with transparency is refused with a clear error")
    func alphaPNG() {
        #expect(throws: PDFImageError.unsupportedPNG("alpha channel (colour type 6)")) {
            try PDFImage(bytes: TestDocuments.pngAlphaLogo)
        }
        #expect(throws: PDFImageError.unsupportedFormat) { try PDFImage(bytes: Array("GIF89a".utf8)) }
    }
}
