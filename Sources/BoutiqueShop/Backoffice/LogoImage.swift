import BoutiqueCore
/// What a logo file is, read from its own bytes: PNG or JPEG by their signatures, and the pixel
/// size from the PNG header or the JPEG frame header. Browsers' content types and file names
/// are not trusted; nothing is decoded beyond these headers.
public struct LogoImage: Sendable, Equatable {
    public enum Format: String, Sendable {
        case png, jpeg

        public var contentType: String { self == .png ? "image/png" : "image/jpeg" }
        public var label: String { self == .png ? "PNG" : "JPEG" }
    }

    public let format: Format
    public let width: Int
    public let height: Int

    /// Nil when the bytes are neither a PNG nor a JPEG whose size can be read.
    public init?(_ bytes: [UInt8]) {
        if let size = Self.pngSize(bytes) {
            (format, width, height) = (.png, size.width, size.height)
        } else if let size = Self.jpegSize(bytes) {
            (format, width, height) = (.jpeg, size.width, size.height)
        } else {
            return nil
        }
    }

    private static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The IHDR chunk comes first in every PNG: width and height are its first two 32-bit fields.
    static func pngSize(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
        guard bytes.count >= 24, bytes.starts(with: pngSignature), Array(bytes[12..<16]) == Array("IHDR".utf8) else { return nil }
        return (bigEndian(bytes, at: 16, count: 4), bigEndian(bytes, at: 20, count: 4))
    }

    /// Walks the JPEG's segments up to its frame header (SOF0–SOF15 but DHT, JPG and DAC), which
    /// holds the height then the width; a scan before any frame header is not an image.
    static func jpegSize(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
        guard bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return nil }
        var index = 2
        while index + 3 < bytes.count {
            guard bytes[index] == 0xFF else { return nil }
            let marker = bytes[index + 1]
            if marker == 0xFF { index += 1; continue }  // fill byte
            if marker == 0x01 || (0xD0...0xD7).contains(marker) { index += 2; continue }  // no length
            if marker == 0xD9 || marker == 0xDA { return nil }
            let length = bigEndian(bytes, at: index + 2, count: 2)
            guard length >= 2 else { return nil }
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                guard index + 9 <= bytes.count else { return nil }
                return (bigEndian(bytes, at: index + 7, count: 2), bigEndian(bytes, at: index + 5, count: 2))
            }
            index += 2 + length
        }
        return nil
    }

    private static func bigEndian(_ bytes: [UInt8], at start: Int, count: Int) -> Int {
        bytes[start..<(start + count)].reduce(0) { $0 << 8 | Int($1) }
    }
}
