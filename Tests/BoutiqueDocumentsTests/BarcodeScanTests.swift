import BoutiqueCore
import BoutiqueDocuments
import Foundation
import Testing

/// Barcodes decoded by a real scanner library (zbar), as a till would read them.
@Suite("Barcodes scan with zbar")
struct BarcodeScanTests {
    @Test("the SVG rendered to PNG decodes to the card number",
          .enabled(if: ExternalTool.shouldRun(.rsvgConvert, .zbarimg),
                   ExternalTool.skipComment(.rsvgConvert, .zbarimg)))
    func svgScans() async throws {
        try await withTemporaryDirectory { directory in
            // setup
            let number = try CardNumber("5032123456789012345")
            let svg = try Code128(number.digits).svg(moduleWidth: 2, height: 80)
            try svg.write(to: directory.appendingPathComponent("card.svg"), atomically: true, encoding: .utf8)
            // act
            try await ExternalTool.rsvgConvert.run(["--background-color=white", "-o", "card.png", "card.svg"], in: directory)
            let decoded = try await ExternalTool.zbarimg.run(["--raw", "-q", "card.png"], in: directory)
            // check
            #expect(decoded.split(separator: "\n") == [Substring(number.digits)])
        }
    }

    @Test("1,000 random card numbers round-trip through the encoder and zbar",
          .enabled(if: ExternalTool.shouldRun(.pdftoppm, .zbarimg),
                   ExternalTool.skipComment(.pdftoppm, .zbarimg)))
    func thousandRandomNumbers() async throws {
        try await withTemporaryDirectory { directory in
            // setup: a fixed seed, so a failure names the same numbers on every run
            var generator = SeededGenerator(seed: 20_260_312)
            let prefix = try CardIssuerPrefix("5032")
            let numbers = (0..<1_000).map { _ in CardNumber.generate(prefix: prefix, using: &generator).digits }
            let pdf = try Self.barcodeSheets(numbers, perColumn: 50, columns: 2)
            _ = try directory.writing(pdf, to: "sheets.pdf")
            // act: one render and one zbar run for all pages keeps this to a few seconds
            try await ExternalTool.pdftoppm.run(["-r", "150", "-png", "sheets.pdf", "sheet"], in: directory, timeout: 120)
            let pages = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasPrefix("sheet") && $0.hasSuffix(".png") }.sorted()
            let decoded = try await ExternalTool.zbarimg.run(["--raw", "-q", "-Sdisable", "-Scode128.enable"] + pages,
                                                             in: directory, timeout: 120)
            // check: every number read back exactly once, nothing else
            let lines = decoded.split(separator: "\n").map(String.init)
            #expect(pages.count == 10)
            #expect(lines.sorted() == numbers.sorted())
        }
    }

    /// Pages of barcodes, one per row, two columns, separated by more than the quiet zones.
    static func barcodeSheets(_ texts: [String], perColumn: Int, columns: Int) throws -> [UInt8] {
        let moduleWidth = 0.96, barHeight = 11.0, rowPitch = 17.0, columnPitch = 200.0
        var document = PDFDocument(info: PDFDocumentInfo(title: "Barcode sheets", creationDate: TestDocuments.createdAt))
        let perPage = perColumn * columns
        for pageStart in stride(from: 0, to: texts.count, by: perPage) {
            var page = PDFPage(width: columnPitch * Double(columns) + 20, height: rowPitch * Double(perColumn) + 20)
            for (offset, text) in texts[pageStart..<min(pageStart + perPage, texts.count)].enumerated() {
                let column = offset / perColumn, row = offset % perColumn
                page.drawBarcode(try Code128(text), x: 10 + Double(column) * columnPitch,
                                 y: 10 + Double(row) * rowPitch, moduleWidth: moduleWidth, height: barHeight)
            }
            document.append(page)
        }
        return document.bytes()
    }
}
