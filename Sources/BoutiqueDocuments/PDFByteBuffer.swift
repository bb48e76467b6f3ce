/// An append-only byte buffer with the few formatting operations PDF syntax needs.
///
/// Numbers are formatted by hand: `String(describing: Double)` and `String(format:)` dominate a
/// profile of PDF generation and can print exponents (`1e-05`), which PDF does not allow.
struct PDFByteBuffer: Sendable {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    var count: Int { bytes.count }

    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func append(byte: UInt8) { bytes.append(byte) }

    mutating func append(contentsOf other: [UInt8]) { bytes.append(contentsOf: other) }

    /// A non-negative or negative integer in decimal.
    mutating func append(integer value: Int) {
        if value < 0 { bytes.append(0x2D) }
        appendDigits(value.magnitude, minimumDigits: 1)
    }

    /// An integer left-padded with zeros to `width` digits (xref offsets, dates).
    mutating func append(integer value: Int, zeroPaddedTo width: Int) {
        appendDigits(value.magnitude, minimumDigits: width)
    }

    /// A coordinate or size with at most two decimals and no trailing zeros: `12`, `12.5`, `-0.25`.
    /// A hundredth of a point is far below what a printer or a 150 dpi render can show.
    mutating func append(number value: Double) {
        guard value.isFinite else {
            bytes.append(0x30)
            return
        }
        let hundredths = Int((value * 100).rounded())
        if hundredths < 0 { bytes.append(0x2D) }
        let magnitude = hundredths.magnitude
        appendDigits(magnitude / 100, minimumDigits: 1)
        let fraction = magnitude % 100
        guard fraction != 0 else { return }
        bytes.append(0x2E)
        bytes.append(UInt8(0x30 + fraction / 10))
        if fraction % 10 != 0 { bytes.append(UInt8(0x30 + fraction % 10)) }
    }

    /// A colour component in 0…1 with up to three decimals.
    mutating func append(unit value: Double) {
        let thousandths = Int((min(max(value, 0), 1) * 1000).rounded())
        if thousandths == 1000 {
            bytes.append(0x31)
            return
        }
        guard thousandths != 0 else {
            bytes.append(0x30)
            return
        }
        bytes.append(0x30)
        bytes.append(0x2E)
        var digits = [UInt8(thousandths / 100), UInt8(thousandths / 10 % 10), UInt8(thousandths % 10)]
        while digits.last == 0 { digits.removeLast() }
        for digit in digits { bytes.append(0x30 + digit) }
    }

    /// A PDF literal string `( … )`: backslash, parentheses and line ends are escaped, other
    /// bytes (WinAnsi accents) go through as they are.
    mutating func appendLiteralString(_ text: [UInt8]) {
        bytes.append(0x28)
        for byte in text {
            switch byte {
            case 0x28, 0x29, 0x5C:
                bytes.append(0x5C)
                bytes.append(byte)
            case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
            default: bytes.append(byte)
            }
        }
        bytes.append(0x29)
    }

    /// A PDF hexadecimal string `< … >`.
    mutating func appendHexString(_ data: [UInt8]) {
        bytes.append(0x3C)
        for byte in data {
            bytes.append(Self.hexDigits[Int(byte >> 4)])
            bytes.append(Self.hexDigits[Int(byte & 0x0F)])
        }
        bytes.append(0x3E)
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    private mutating func appendDigits(_ value: UInt, minimumDigits: Int) {
        // At most 20 digits for a UInt64; build them backwards in a small fixed buffer.
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &scratch) { buffer in
            repeat {
                buffer[23 - count] = UInt8(0x30 + rest % 10)
                rest /= 10
                count += 1
            } while rest > 0 && count < 24
            while count < minimumDigits && count < 24 {
                buffer[23 - count] = 0x30
                count += 1
            }
            bytes.append(contentsOf: buffer[(24 - count)...])
        }
    }
}
