/// Text converted once to the bytes a standard-14 font prints with WinAnsiEncoding
/// (Windows code page 1252): French accents, « », € and the typographic quotes all fit.
///
/// Characters outside the encoding print as `?` rather than failing, because a customer's name
/// with an unusual letter must never stop their card or invoice from being produced.
public struct PDFText: Sendable, Hashable {
    /// WinAnsi codes. No-break spaces are kept as 0xA0 so that line wrapping does not split
    /// "50,00 €"; they are written as ordinary spaces (see `printableBytes`).
    public let bytes: [UInt8]

    public init(_ string: String) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(string.utf8.count)
        for scalar in string.unicodeScalars {
            bytes.append(Self.code(for: scalar))
        }
        self.bytes = bytes
    }

    init(bytes: [UInt8]) { self.bytes = bytes }

    static let noBreakSpace: UInt8 = 0xA0
    static let space: UInt8 = 0x20
    static let lineFeed: UInt8 = 0x0A
    static let replacement: UInt8 = 0x3F // "?"

    /// The WinAnsi code of one Unicode scalar.
    static func code(for scalar: Unicode.Scalar) -> UInt8 {
        let value = scalar.value
        switch value {
        case 0x20...0x7E: return UInt8(value)
        // A line feed is kept so paragraphs can force a break; it prints as a space.
        case 0x0A: return lineFeed
        case 0x09, 0x0D: return space
        // French typography puts a narrow no-break space before « » : ; ! ? and € and the
        // thousands separator; the standard fonts have no narrow glyph, so a no-break space
        // (same width as a space) stands in, and text extraction still reads a space.
        case 0xA0, 0x202F, 0x2007, 0x2009: return noBreakSpace
        case 0xA1...0xFF: return UInt8(value)
        default: return windows1252Extras[value] ?? replacement
        }
    }

    /// The code page 1252 characters placed in 0x80…0x9F, where Latin-1 has control codes.
    private static let windows1252Extras: [UInt32: UInt8] = [
        0x0152: 0x8C, 0x0153: 0x9C, 0x0160: 0x8A, 0x0161: 0x9A, 0x0178: 0x9F, 0x017D: 0x8E,
        0x017E: 0x9E, 0x0192: 0x83, 0x02C6: 0x88, 0x02DC: 0x98, 0x2013: 0x96, 0x2014: 0x97,
        0x2018: 0x91, 0x2019: 0x92, 0x201A: 0x82, 0x201C: 0x93, 0x201D: 0x94, 0x201E: 0x84,
        0x2020: 0x86, 0x2021: 0x87, 0x2022: 0x95, 0x2026: 0x85, 0x2030: 0x89, 0x2039: 0x8B,
        0x203A: 0x9B, 0x20AC: 0x80, 0x2122: 0x99,
    ]
}
