import BoutiqueDocuments
import Foundation
import Testing

/// QR codes read back by a real decoder (zbar), from the PNG and from a rasterised PDF page.
@Suite("QR codes scan with zbar")
struct QRCodeScanTests {
    static let zbarQR = ["--raw", "-q", "-Sdisable", "-Sqrcode.enable"]

    /// Printable text with accented letters, the euro sign and apostrophes, exactly `byteCount`
    /// UTF-8 bytes long, no line break (zbar separates symbols by one).
    static func text(byteCount: Int, using generator: inout SeededGenerator) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.;:!?-_/+=%&'\"()éèêàçùôîÉÀœ€«»")
        var result = ""
        while result.utf8.count < byteCount {
            let character = alphabet.randomElement(using: &generator)!
            if result.utf8.count + String(character).utf8.count <= byteCount {
                result.append(character)
            } else {
                result.append("x")
            }
        }
        return result
    }

    @Test("every level, lengths 1…2,952 bytes sampled over versions 1–40: zbar reads the exact UTF-8 text",
          .enabled(if: ExternalTool.shouldRun(.zbarimg), ExternalTool.skipComment(.zbarimg)))
    func pngRoundTrip() async throws {
        try await withTemporaryDirectory { directory in
            // setup: a fixed seed, so a failure names the same texts on every run
            var generator = SeededGenerator(seed: 18_004)
            let lengths = [1, 2, 9, 17, 26, 42, 61, 90, 134, 180, 250, 321, 400, 511, 640, 800, 1_000,
                           1_272, 1_500, 1_662, 1_800, 2_000, 2_330, 2_600, 2_952]
            var expected: [String] = [], files: [String] = [], versions: Set<Int> = []
            for level in QRErrorCorrection.allCases {
                for length in lengths where length <= QRCode.maximumBytes(level: level, utf8ECI: true) {
                    let text = Self.text(byteCount: length, using: &generator)
                    let code = try QRCode(text: text, errorCorrection: level)
                    versions.insert(code.version)
                    let name = "qr-\(level.letter)-\(length).png"
                    _ = try directory.writing(code.png(pixelsPerModule: 3), to: name)
                    files.append(name)
                    expected.append(text)
                }
            }
            // act: one zbar run for every file, whose output keeps the files' order
            let decoded = try await ExternalTool.zbarimg.run(Self.zbarQR + files, in: directory, timeout: 300)
            // check
            #expect(decoded.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) == expected)
            #expect(versions.contains(1) && versions.contains(40) && versions.count >= 30)
        }
    }

    @Test("numeric, alphanumeric and a text of one accented letter decode exactly",
          .enabled(if: ExternalTool.shouldRun(.zbarimg), ExternalTool.skipComment(.zbarimg)))
    func modesRoundTrip() async throws {
        try await withTemporaryDirectory { directory in
            let texts = ["0123456789012345678901234567890", "HELLO WORLD $%*+-./:", "é", "Comité d'entreprise : 50,00 €"]
            var files: [String] = []
            for (index, text) in texts.enumerated() {
                _ = try directory.writing(try QRCode(text: text, errorCorrection: .high).png(), to: "mode-\(index).png")
                files.append("mode-\(index).png")
            }
            let decoded = try await ExternalTool.zbarimg.run(Self.zbarQR + files, in: directory)
            #expect(decoded.split(separator: "\n").map(String.init) == texts)
        }
    }

    @Test("codes drawn on a PDF page, rasterised at 150 dpi by pdftoppm, decode exactly",
          .enabled(if: ExternalTool.shouldRun(.pdftoppm, .zbarimg), ExternalTool.skipComment(.pdftoppm, .zbarimg)))
    func pdfRoundTrip() async throws {
        try await withTemporaryDirectory { directory in
            // setup: four sizes on one A4 page, apart by more than their quiet zones
            var generator = SeededGenerator(seed: 69_012)
            let texts = [3, 60, 230, 700].map { Self.text(byteCount: $0, using: &generator) }
            var document = PDFDocument(info: PDFDocumentInfo(title: "QR", creationDate: TestDocuments.createdAt))
            var page = PDFPage()
            let corners = [(20.0, 20.0), (300.0, 20.0), (20.0, 330.0), (300.0, 330.0)]
            for (text, corner) in zip(texts, corners) {
                page.drawQRCode(try QRCode(text: text, errorCorrection: .medium), x: corner.0, y: corner.1, moduleSize: 2.4)
            }
            document.append(page)
            _ = try directory.writing(document.bytes(), to: "codes.pdf")
            // act
            try await ExternalTool.pdftoppm.run(["-r", "150", "-png", "codes.pdf", "page"], in: directory)
            let pages = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".png") }
            let decoded = try await ExternalTool.zbarimg.run(Self.zbarQR + pages, in: directory)
            // check: zbar reports symbols in its own order
            #expect(decoded.split(separator: "\n").map(String.init).sorted() == texts.sorted())
        }
    }
}
