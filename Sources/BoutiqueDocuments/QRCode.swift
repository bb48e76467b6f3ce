/// A QR Code symbol (ISO/IEC 18004, model 2): the smallest version 1–40 that holds the data at
/// the chosen error-correction level, the best of the eight masks by the standard's penalty rules.
///
/// Written here rather than taken from a package because none of ours provides one; it serves the
/// invoices' SEPA transfer codes (`EPCTransfer`) and the TOTP set-up code.
public struct QRCode: Sendable, Hashable {
    public let version: Int
    public let errorCorrection: QRErrorCorrection
    /// The mask pattern applied (0–7).
    public let mask: Int
    /// Modules per side, without the quiet zone (21 for version 1, 177 for version 40).
    public let size: Int
    /// Row-major, `true` for a dark module.
    private let modules: [Bool]

    /// Light modules around the symbol that readers need (§6.3.8).
    public static let quietZoneModules = 4

    /// A code for `text` as UTF-8 bytes, declared UTF-8 (ECI 26) when it is not plain ASCII.
    public init(text: String, errorCorrection: QRErrorCorrection = .medium) throws(QRCodeError) {
        try self.init(bytes: Array(text.utf8), errorCorrection: errorCorrection, utf8ECI: true)
    }

    /// A code for `bytes`; `mask` forces a mask pattern (the standard's examples name theirs),
    /// otherwise the one with the lowest penalty is chosen. `utf8ECI` declares non-ASCII bytes
    /// as UTF-8.
    public init(
        bytes: [UInt8], errorCorrection: QRErrorCorrection = .medium, mask: Int? = nil, utf8ECI: Bool = false
    ) throws(QRCodeError) {
        precondition(mask.map { (0..<8).contains($0) } ?? true, "QR mask must be 0…7")
        let segment = QRSegment(bytes: bytes, utf8ECI: utf8ECI)
        guard let version = Self.smallestVersion(for: segment, level: errorCorrection) else {
            throw .dataTooLong(byteCount: bytes.count, level: errorCorrection,
                               maximumBytes: Self.maximumBytes(level: errorCorrection, utf8ECI: segment.eci != nil))
        }
        let codewords = Self.codewords(segment: segment, version: version, level: errorCorrection)
        var matrix = QRMatrix(version: version)
        matrix.placeCodewords(codewords)
        let chosen = mask ?? matrix.bestMask(level: errorCorrection)
        matrix.applyMask(chosen)
        matrix.drawFormatBits(level: errorCorrection, mask: chosen)
        self.version = version
        self.errorCorrection = errorCorrection
        self.mask = chosen
        self.size = matrix.size
        self.modules = matrix.modules
    }

    /// Whether the module at column `x`, row `y` (0-based, from the top left) is dark.
    public func isDark(x: Int, y: Int) -> Bool { modules[y * size + x] }

    /// The module matrix, one array per row, `true` for dark.
    public var rows: [[Bool]] {
        (0..<size).map { y in Array(modules[(y * size)..<((y + 1) * size)]) }
    }

    /// The most bytes a version-40 symbol holds at `level` (2,953 at L, 1,273 at H; one less
    /// with the UTF-8 declaration).
    public static func maximumBytes(level: QRErrorCorrection, utf8ECI: Bool = false) -> Int {
        (QRCodeTables.dataCodewords(version: 40, level: level) * 8 - 4 - 16
            - (utf8ECI ? QRSegment.eciHeaderBits : 0)) / 8
    }

    private static func smallestVersion(for segment: QRSegment, level: QRErrorCorrection) -> Int? {
        (1...40).first { version in
            guard let bits = segment.bitLength(version: version) else { return false }
            return bits <= QRCodeTables.dataCodewords(version: version, level: level) * 8
        }
    }

    /// The final codeword sequence (§7.4–7.6): the data stream with its terminator and padding,
    /// split into blocks, each block's error correction appended, then interleaved.
    static func codewords(segment: QRSegment, version: Int, level: QRErrorCorrection) -> [UInt8] {
        let capacityBits = QRCodeTables.dataCodewords(version: version, level: level) * 8
        var buffer = QRBitBuffer()
        if let eci = segment.eci {
            buffer.append(0b0111, bitCount: 4)
            buffer.append(eci, bitCount: 8)
        }
        buffer.append(segment.mode.indicator, bitCount: 4)
        buffer.append(segment.characterCount, bitCount: segment.mode.countBits(version: version))
        buffer.append(segment.payload)
        buffer.append(0, bitCount: min(4, capacityBits - buffer.count))
        buffer.append(0, bitCount: (8 - buffer.count % 8) % 8)
        var data = buffer.bytes
        // Alternating pad codewords 11101100 and 00010001 fill the capacity.
        var pad: UInt8 = 0xEC
        while data.count * 8 < capacityBits {
            data.append(pad)
            pad ^= 0xEC ^ 0x11
        }
        return interleave(data: data, version: version, level: level)
    }

    /// Blocks of two lengths (the longer ones last), error correction per block, then the data
    /// codewords column by column followed by the error-correction codewords the same way.
    private static func interleave(data: [UInt8], version: Int, level: QRErrorCorrection) -> [UInt8] {
        let blockCount = QRCodeTables.blockCount[level.rawValue][version]
        let eccLength = QRCodeTables.eccCodewordsPerBlock[level.rawValue][version]
        let total = QRCodeTables.totalCodewords(version: version)
        let shortBlocks = blockCount - total % blockCount
        let shortDataLength = total / blockCount - eccLength
        let coder = QRReedSolomon(degree: eccLength)
        var dataBlocks: [ArraySlice<UInt8>] = []
        var eccBlocks: [[UInt8]] = []
        var start = 0
        for block in 0..<blockCount {
            let length = shortDataLength + (block < shortBlocks ? 0 : 1)
            let slice = data[start..<(start + length)]
            dataBlocks.append(slice)
            eccBlocks.append(coder.remainder(of: slice))
            start += length
        }
        var result: [UInt8] = []
        result.reserveCapacity(total)
        for column in 0...shortDataLength {
            for block in dataBlocks where column < block.count {
                result.append(block[block.startIndex + column])
            }
        }
        for column in 0..<eccLength {
            for block in eccBlocks { result.append(block[column]) }
        }
        return result
    }
}
