/// A raster image (a retailer's or CSE's logo) ready to embed without re-encoding.
///
/// JPEG data is embedded as is (`/DCTDecode`). PNG data is embedded as its zlib stream with the
/// PNG predictor declared (`/FlateDecode` with `/Predictor 15`), which PDF readers decode exactly as
/// PNG decoders do, so no zlib is needed here. PNGs with an alpha channel or interlacing would need
/// decompressing and are refused with a clear error: convert such a logo to JPEG or opaque PNG.
public struct PDFImage: Sendable, Hashable {
    public let pixelWidth: Int
    public let pixelHeight: Int
    let colorSpace: ColorSpace
    let bitsPerComponent: Int
    let encoding: Encoding
    let data: [UInt8]

    enum ColorSpace: Sendable, Hashable {
        case gray
        case rgb
        /// CMYK JPEGs written by Adobe software store inverted values.
        case cmyk(inverted: Bool)
        /// A palette PNG: `count` RGB triplets.
        case indexed(palette: [UInt8])
    }

    enum Encoding: Sendable, Hashable {
        case dct
        case flatePNG(colors: Int)
    }

    /// Detects JPEG or PNG from the file's signature.
    public init(bytes: [UInt8]) throws(PDFImageError) {
        if bytes.starts(with: [0xFF, 0xD8]) {
            self = try Self.jpeg(bytes)
        } else if bytes.starts(with: Self.pngSignature) {
            self = try Self.png(bytes)
        } else {
            throw .unsupportedFormat
        }
    }

    private init(width: Int, height: Int, colorSpace: ColorSpace, bits: Int, encoding: Encoding, data: [UInt8]) {
        pixelWidth = width
        pixelHeight = height
        self.colorSpace = colorSpace
        bitsPerComponent = bits
        self.encoding = encoding
        self.data = data
    }

    // MARK: JPEG

    /// Reads the frame header (SOFn) for size and components; the data is embedded unchanged.
    public static func jpeg(_ bytes: [UInt8]) throws(PDFImageError) -> PDFImage {
        guard bytes.starts(with: [0xFF, 0xD8]) else { throw .unsupportedFormat }
        var adobe = false
        var index = 2
        while index + 4 <= bytes.count {
            guard bytes[index] == 0xFF else { throw .malformed("JPEG marker expected") }
            let marker = bytes[index + 1]
            if marker == 0xFF { // fill byte
                index += 1
                continue
            }
            if marker == 0x01 || (0xD0...0xD7).contains(marker) {
                index += 2
                continue
            }
            let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            guard length >= 2, index + 2 + length <= bytes.count else { throw .malformed("JPEG segment length") }
            let body = index + 4
            if marker == 0xEE, length >= 7, bytes[body..<body + 5].elementsEqual(Array("Adobe".utf8)) {
                adobe = true
            }
            if Self.isStartOfFrame(marker) {
                guard length >= 8 else { throw .malformed("JPEG frame header") }
                let precision = Int(bytes[body])
                let height = Int(bytes[body + 1]) << 8 | Int(bytes[body + 2])
                let width = Int(bytes[body + 3]) << 8 | Int(bytes[body + 4])
                let components = Int(bytes[body + 5])
                guard width > 0, height > 0, precision == 8 else { throw .malformed("JPEG size or precision") }
                let space: ColorSpace
                switch components {
                case 1: space = .gray
                case 3: space = .rgb
                case 4: space = .cmyk(inverted: adobe)
                default: throw .malformed("JPEG with \(components) components")
                }
                return PDFImage(width: width, height: height, colorSpace: space, bits: 8, encoding: .dct, data: bytes)
            }
            index += 2 + length
        }
        throw .malformed("JPEG without a frame header")
    }

    private static func isStartOfFrame(_ marker: UInt8) -> Bool {
        // C4 (DHT), C8 (JPG) and CC (DAC) share the range but are not frame headers.
        (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
    }

    // MARK: PNG

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Gathers IHDR, PLTE and the IDAT stream of a non-interlaced PNG without alpha.
    public static func png(_ bytes: [UInt8]) throws(PDFImageError) -> PDFImage {
        guard bytes.starts(with: pngSignature) else { throw .unsupportedFormat }
        var header: (width: Int, height: Int, depth: Int, colorType: Int, interlace: Int)?
        var palette: [UInt8] = []
        var data: [UInt8] = []
        var index = pngSignature.count
        while index + 8 <= bytes.count {
            let length = readUInt32(bytes, at: index)
            let type = String(decoding: bytes[index + 4..<index + 8], as: UTF8.self)
            let body = index + 8
            guard length >= 0, body + length + 4 <= bytes.count else { throw .malformed("PNG chunk length") }
            switch type {
            case "IHDR":
                guard length >= 13 else { throw .malformed("PNG header") }
                header = (readUInt32(bytes, at: body), readUInt32(bytes, at: body + 4),
                          Int(bytes[body + 8]), Int(bytes[body + 9]), Int(bytes[body + 12]))
            case "PLTE": palette = Array(bytes[body..<body + length])
            case "IDAT": data.append(contentsOf: bytes[body..<body + length])
            default: break
            }
            if type == "IEND" { break }
            index = body + length + 4 // skip the CRC
        }
        guard let header, header.width > 0, header.height > 0, !data.isEmpty else {
            throw .malformed("PNG without header or data")
        }
        guard header.interlace == 0 else { throw .unsupportedPNG("interlaced") }
        let space: ColorSpace
        let colors: Int
        switch header.colorType {
        case 0: (space, colors) = (.gray, 1)
        case 2: (space, colors) = (.rgb, 3)
        case 3:
            guard !palette.isEmpty, palette.count % 3 == 0 else { throw .malformed("PNG palette") }
            (space, colors) = (.indexed(palette: palette), 1)
        default: throw .unsupportedPNG("alpha channel (colour type \(header.colorType))")
        }
        return PDFImage(width: header.width, height: header.height, colorSpace: space, bits: header.depth,
                        encoding: .flatePNG(colors: colors), data: data)
    }

    private static func readUInt32(_ bytes: [UInt8], at index: Int) -> Int {
        Int(bytes[index]) << 24 | Int(bytes[index + 1]) << 16 | Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
    }
}

public enum PDFImageError: Error, Sendable, Equatable {
    /// Neither JPEG nor PNG.
    case unsupportedFormat
    case malformed(String)
    /// A PNG feature that would need decoding pixels here.
    case unsupportedPNG(String)
}
