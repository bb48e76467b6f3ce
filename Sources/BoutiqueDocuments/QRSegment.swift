/// The data of a QR code in one encoding mode (ISO/IEC 18004 §7.4). The whole text gets the most
/// compact mode it allows: digits only → numeric, upper-case alphanumerics → alphanumeric, anything
/// else → bytes. Bytes that are not plain ASCII can be preceded by the ECI designator 26 (UTF-8,
/// §7.4.2): without it readers guess, and zbar read « é » as Shift JIS « 矇 ».
struct QRSegment: Sendable {
    enum Mode: Sendable {
        case numeric, alphanumeric, byte

        var indicator: Int {
            switch self {
            case .numeric: 0b0001
            case .alphanumeric: 0b0010
            case .byte: 0b0100
            }
        }

        /// Width of the character-count field, which grows with the version (Table 3).
        func countBits(version: Int) -> Int {
            let band = version <= 9 ? 0 : version <= 26 ? 1 : 2
            switch self {
            case .numeric: return [10, 12, 14][band]
            case .alphanumeric: return [9, 11, 13][band]
            case .byte: return [8, 16, 16][band]
            }
        }
    }

    static let alphanumericCharacters = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".utf8)

    /// ECI assignment number of UTF-8.
    static let utf8ECI = 26

    let mode: Mode
    /// An ECI designator written before the segment (nil: the reader's default).
    let eci: Int?
    /// Characters for numeric and alphanumeric, bytes for byte mode.
    let characterCount: Int
    let payload: QRBitBuffer

    init(bytes: [UInt8], utf8ECI: Bool = false) {
        if !bytes.isEmpty, bytes.allSatisfy({ (0x30...0x39).contains($0) }) {
            self.init(numeric: bytes)
        } else if !bytes.isEmpty, bytes.allSatisfy(Self.alphanumericCharacters.contains) {
            self.init(alphanumeric: bytes)
        } else {
            var buffer = QRBitBuffer()
            for byte in bytes { buffer.append(Int(byte), bitCount: 8) }
            self.init(mode: .byte, characterCount: bytes.count, payload: buffer,
                      eci: utf8ECI && bytes.contains { $0 >= 0x80 } ? Self.utf8ECI : nil)
        }
    }

    private init(mode: Mode, characterCount: Int, payload: QRBitBuffer, eci: Int? = nil) {
        self.eci = eci
        self.mode = mode
        self.characterCount = characterCount
        self.payload = payload
    }

    /// Groups of three digits in 10 bits (two in 7, one in 4).
    private init(numeric digits: [UInt8]) {
        var buffer = QRBitBuffer()
        var index = 0
        while index < digits.count {
            let group = digits[index..<min(index + 3, digits.count)]
            let value = group.reduce(0) { $0 * 10 + Int($1 - 0x30) }
            buffer.append(value, bitCount: group.count * 3 + 1)
            index += 3
        }
        self.init(mode: .numeric, characterCount: digits.count, payload: buffer)
    }

    /// Pairs of characters in 11 bits (45 × first + second), a last single one in 6.
    private init(alphanumeric text: [UInt8]) {
        let values = text.map { byte in Self.alphanumericCharacters.firstIndex(of: byte)! }
        var buffer = QRBitBuffer()
        var index = 0
        while index + 1 < values.count {
            buffer.append(values[index] * 45 + values[index + 1], bitCount: 11)
            index += 2
        }
        if index < values.count { buffer.append(values[index], bitCount: 6) }
        self.init(mode: .alphanumeric, characterCount: text.count, payload: buffer)
    }

    /// The ECI mode indicator 0111 and an assignment number below 128 in 8 bits.
    static let eciHeaderBits = 12

    /// Bits of the ECI header if any, the mode indicator, the count and the payload at `version`; nil when the count
    /// does not fit its field.
    func bitLength(version: Int) -> Int? {
        let countBits = mode.countBits(version: version)
        guard characterCount < 1 << countBits else { return nil }
        return (eci == nil ? 0 : Self.eciHeaderBits) + 4 + countBits + payload.count
    }
}
