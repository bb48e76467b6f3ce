@testable import BoutiqueDocuments
import Testing

/// The encoder checked structurally, against published vectors, so a decoder's tolerance cannot
/// hide a wrong table or bit order (the scan tests check that real readers agree).
@Suite("QR code encoder")
struct QRCodeTests {
    // Version-1, -2 and -3 symbols published by Project Nayuki's QR Code generator test suite
    // (QrCodeTest.java, MIT licence), an independent implementation; "X" is a dark module.
    static let nayuki98323: [String] = [
        "XXXXXXX  X    XXXXXXX", "X     X XX  X X     X", "X XXX X     X X XXX X",
        "X XXX X  XX X X XXX X", "X XXX X  X    X XXX X", "X     X XXXX  X     X",
        "XXXXXXX X X X XXXXXXX", "        X   X        ", "    XXXX   XX XX   X ",
        " X  XX  XX XXX X  X  ", " XXX  XX    XXXXXXXX ", "X  X X X X X X  X XX ",
        "X   XXXX  XX         ", "        X X  XX   X  ", "XXXXXXX X     X  X X ",
        "X     X XXXXXXXX X X ", "X XXX X XX XXX XX XXX", "X XXX X  XXXX  X X XX",
        "X XXX X  X  X  XXXX  ", "X     X    X  X X XX ", "XXXXXXX  X X X    XXX",
    ]

    static let nayukiEmoji: [String] = [
        "XXXXXXX X  X XXXX XXXXXXX", "X     X   X X   X X     X", "X XXX X X X X XXX X XXX X",
        "X XXX X X X XX XX X XXX X", "X XXX X  X  X X   X XXX X", "X     X X  XX   X X     X",
        "XXXXXXX X X X X X XXXXXXX", "        X  X X           ", " X X XXXX  XX XX XXX XX X",
        "XXX X   XX   X X X  XXX  ", " X X  XXXX  XXXX  XXX    ", " X  X    XX XX X XXXXXXXX",
        "   XXXXX X XX X       XX ", " X  XX X   X XX  XX  XX  ", "X XX XX XXX  X XXX    XX ",
        " X X X XX XXX XX    XX X ", "XX  X X X  XXXX XXXXX X X", "        XX  XX XX   XX XX",
        "XXXXXXX XXX  X XX X X XX ", "X     X X XX XXXX   X  XX", "X XXX X  XXXX X XXXXX  XX",
        "X XXX X X XX XX   XXXX   ", "X XXX X    XXX    XX  X X", "X     X X  X  X X  X XX  ",
        "XXXXXXX  X   X   X  X XXX",
    ]

    static let nayukiQuickFox: [String] = [
        "XXXXXXX X X XXX     X XXXXXXX", "X     X   X XXXX    X X     X", "X XXX X XXX      XX   X XXX X",
        "X XXX X X  XX XX  XX  X XXX X", "X XXX X   X  X X X    X XXX X", "X     X XX   XX  XXXX X     X",
        "XXXXXXX X X X X X X X XXXXXXX", "        X X X  X             ", " X X XXXX   XXXX X   XXX XX X",
        " XXX   XXXXXXXXX X XXXX   XXX", "  XX  X XXX  XXX XX XX XX  X ", "XX   X   XXXX  X       X  XX ",
        "X   X XX X XXXX XX XXXXX X XX", " X X    X   X   XX X X    XX ", "X X XXX   X   X XXX XX  X  XX",
        "X X    XX XXX X XXX    X   XX", "XX   XX X  X XX   X XX X X X ", "  XXX    XXXX XXXXXXX XX X   ",
        "X   XXX     X XXXX        XXX", "  XXXX   X  XX   XXX  XXX   X", "X  X  X   X X XXX   XXXXX X  ",
        "        XX X XX   XXX   X  XX", "XXXXXXX X    X   X  X X X XX ", "X     X XX   X  XX  X   XXXX ",
        "X XXX X   XXXXXX    XXXXX   X", "X XXX X XXXX X XXX XX X X   X", "X XXX X   XX            X   X",
        "X     X X  X XXX XX XX X   X ", "XXXXXXX  X   XX  X  X   XX X ",
    ]

    static func picture(_ code: QRCode) -> [String] {
        code.rows.map { row in String(row.map { $0 ? "X" : " " }) }
    }

    @Test("published symbols: numeric v1-H, UTF-8 bytes v2-Q, text v3-Q, module for module", arguments: [
        ("98323", QRErrorCorrection.high, 4, nayuki98323),
        ("😀 € éñ 💩", .quartile, 7, nayukiEmoji),
        ("The quick brown fox jumps", .quartile, 7, nayukiQuickFox),
    ])
    func publishedSymbols(text: String, level: QRErrorCorrection, mask: Int, expected: [String]) throws {
        let forced = try QRCode(bytes: Array(text.utf8), errorCorrection: level, mask: mask)
        #expect(Self.picture(forced) == expected)
        // The penalty rules pick the same mask as the other implementation did.
        let chosen = try QRCode(bytes: Array(text.utf8), errorCorrection: level)
        #expect(chosen.mask == mask)
        #expect(Self.picture(chosen) == expected)
    }

    @Test("codewords of the standard's and thonky.com's worked examples, Reed–Solomon included")
    func workedExamples() {
        // ISO/IEC 18004 Annex I: "01234567" at 1-M.
        let iso = QRCode.codewords(segment: QRSegment(bytes: Array("01234567".utf8)), version: 1, level: .medium)
        #expect(iso == [0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11,
                        0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
        // "HELLO WORLD" at 1-M (alphanumeric).
        let hello = QRCode.codewords(segment: QRSegment(bytes: Array("HELLO WORLD".utf8)), version: 1, level: .medium)
        #expect(hello == [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17,
                          196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
    }

    @Test("format and version information match the standard's tables")
    func formatAndVersionBits() {
        #expect(QRMatrix.formatBits(level: .low, mask: 0) == 0b111011111000100)
        #expect(QRMatrix.formatBits(level: .medium, mask: 0) == 0b101010000010010)
        #expect(QRMatrix.formatBits(level: .quartile, mask: 0) == 0b011010101011111)
        #expect(QRMatrix.formatBits(level: .high, mask: 0) == 0b001011010001001)
        #expect(QRMatrix.formatBits(level: .high, mask: 7) == 0b000100000111011)
        #expect(QRMatrix.versionBits(version: 7) == 0b000111110010010100)
        #expect(QRMatrix.versionBits(version: 40) == 0b101000110001101001)
    }

    @Test("alignment pattern centres of Annex E")
    func alignmentPositions() {
        #expect(QRCodeTables.alignmentPositions(version: 1) == [])
        #expect(QRCodeTables.alignmentPositions(version: 2) == [6, 18])
        #expect(QRCodeTables.alignmentPositions(version: 7) == [6, 22, 38])
        #expect(QRCodeTables.alignmentPositions(version: 32) == [6, 34, 60, 86, 112, 138])
        #expect(QRCodeTables.alignmentPositions(version: 40) == [6, 30, 58, 86, 114, 142, 170])
    }

    @Test("capacities: the largest byte payload fits version 40, one more byte is refused", arguments: [
        (QRErrorCorrection.low, 2_953), (.medium, 2_331), (.quartile, 1_663), (.high, 1_273),
    ])
    func capacityLimits(level: QRErrorCorrection, maximum: Int) throws {
        #expect(QRCode.maximumBytes(level: level) == maximum)
        let largest = try QRCode(bytes: [UInt8](repeating: 0x61, count: maximum), errorCorrection: level)
        #expect(largest.version == 40 && largest.size == 177)
        #expect(throws: QRCodeError.dataTooLong(byteCount: maximum + 1, level: level, maximumBytes: maximum)) {
            try QRCode(bytes: [UInt8](repeating: 0x61, count: maximum + 1), errorCorrection: level)
        }
    }

    @Test("non-ASCII text is declared UTF-8 by ECI 26 before the byte segment; ASCII text is not")
    func utf8Declaration() {
        let accented = QRCode.codewords(segment: QRSegment(bytes: Array("é".utf8), utf8ECI: true), version: 1, level: .low)
        // 0111 00011010 (ECI 26), 0100 00000010 (2 bytes), 11000011 10101001, terminator.
        #expect(Array(accented.prefix(5)) == [0x71, 0xA4, 0x02, 0xC3, 0xA9])
        let plain = QRCode.codewords(segment: QRSegment(bytes: Array("e".utf8), utf8ECI: true), version: 1, level: .low)
        #expect(Array(plain.prefix(2)) == [0x40, 0x16])
        #expect(QRCode.maximumBytes(level: .low, utf8ECI: true) == 2_952) // 12 bits fewer: 1.5 bytes, 1 whole byte
    }

    @Test("the smallest version is chosen: 17 bytes fit 1-L, 18 need version 2")
    func smallestVersion() throws {
        #expect(try QRCode(bytes: [UInt8](repeating: 0x61, count: 17), errorCorrection: .low).version == 1)
        #expect(try QRCode(bytes: [UInt8](repeating: 0x61, count: 18), errorCorrection: .low).version == 2)
    }

    @Test("the SVG is one path in a viewBox with the quiet zone, labelled for screen readers")
    func svgShape() throws {
        let code = try QRCode(text: "otpauth://totp/Boutique", errorCorrection: .medium)
        let svg = code.svg(label: "QR code « A & B »")
        let side = code.size + 8
        #expect(svg.contains("viewBox=\"0 0 \(side) \(side)\""))
        #expect(svg.contains("shape-rendering=\"crispEdges\""))
        #expect(svg.contains("role=\"img\" aria-label=\"QR code « A &amp; B »\""))
        #expect(svg.components(separatedBy: "<path").count == 2)
    }

    @Test("the PNG has a valid signature, IHDR and CRCs, and a zlib stream with its Adler-32")
    func pngStructure() throws {
        let png = try QRCode(text: "A").png(pixelsPerModule: 2)
        #expect(Array(png.prefix(8)) == PNGWriter.signature)
        #expect(Array(png[12..<16]) == Array("IHDR".utf8))
        #expect(Array(png[16..<24]) == [0, 0, 0, 58, 0, 0, 0, 58]) // (21 + 8) × 2 pixels
        let crc = PNGWriter.crc32(png[12..<29])
        #expect(Array(png[29..<33]) == [UInt8(crc >> 24), UInt8((crc >> 16) & 0xFF), UInt8((crc >> 8) & 0xFF), UInt8(crc & 0xFF)])
        #expect(PNGWriter.crc32(Array("123456789".utf8)) == 0xCBF4_3926) // the CRC-32 check value
        #expect(PNGWriter.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
    }
}
