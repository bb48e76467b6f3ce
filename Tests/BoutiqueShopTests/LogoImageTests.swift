import BoutiqueCore
import BoutiqueShop
import Testing

@Suite("Logo files")
struct LogoImageTests {
    /// SOI, an APP0 segment, then a baseline frame header of `width` × `height`.
    static func jpeg(width: Int, height: Int, frame: UInt8 = 0xC0) -> [UInt8] {
        [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
            + [0xFF, frame, 0x00, 0x11, 0x08, UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8), UInt8(width & 0xFF), 0x03]
            + [UInt8](repeating: 0, count: 9) + [0xFF, 0xD9]
    }

    @Test("a JPEG's pixel size is read from its frame header, baseline or progressive")
    func jpeg() {
        #expect(LogoImage(Self.jpeg(width: 320, height: 90)) == LogoImage(Self.jpeg(width: 320, height: 90, frame: 0xC2)))
        let image = LogoImage(Self.jpeg(width: 320, height: 90))
        #expect(image?.format == .jpeg && image?.width == 320 && image?.height == 90 && image?.format.contentType == "image/jpeg")
    }

    @Test("text, a truncated header, or a JPEG whose scan comes before any frame is not an image", arguments: [
        Array("GIF89a…".utf8), [0xFF, 0xD8, 0xFF], [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13],
        [0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x08, 0, 0, 0, 0, 0, 0], Array("<svg/>".utf8),
    ])
    func notImages(bytes: [UInt8]) {
        #expect(LogoImage(bytes) == nil)
    }
}
