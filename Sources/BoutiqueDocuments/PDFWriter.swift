import Foundation

/// Serialises a `PDFDocument`: header, numbered objects, cross-reference table with each object's
/// byte offset, and trailer. Output depends only on the document, never on the clock.
enum PDFWriter {
    static func write(_ document: PDFDocument) -> [UInt8] {
        var writer = ObjectWriter()
        let pages = document.pages.isEmpty ? [PDFPage()] : document.pages
        let fonts = PDFFont.allCases.filter { font in pages.contains { $0.usedFonts.contains(font) } }

        // Object numbers are assigned up front so that objects can refer forward.
        let catalog = 1, pageTree = 2, info = 3, resources = 4
        let firstFont = 5
        let firstImage = firstFont + fonts.count
        let firstPage = firstImage + document.images.count

        writer.begin(catalog)
        writer.out.append("<< /Type /Catalog /Pages 2 0 R >>")
        writer.end()

        writer.begin(pageTree)
        writer.out.append("<< /Type /Pages /Kids [")
        for index in pages.indices {
            writer.out.append(integer: firstPage + 2 * index)
            writer.out.append(" 0 R ")
        }
        writer.out.append("] /Count ")
        writer.out.append(integer: pages.count)
        writer.out.append(" >>")
        writer.end()

        writer.begin(info)
        writeInfo(document.info, to: &writer.out)
        writer.end()

        writer.begin(resources)
        writer.out.append("<< /ProcSet [/PDF /Text /ImageB /ImageC /ImageI] /Font <<")
        for (offset, font) in fonts.enumerated() {
            writer.out.append(" /")
            writer.out.append(font.resourceName)
            writer.out.append(" ")
            writer.out.append(integer: firstFont + offset)
            writer.out.append(" 0 R")
        }
        writer.out.append(" >> /XObject <<")
        for index in document.images.indices {
            writer.out.append(" /")
            writer.out.append(PDFImageReference(index: index).resourceName)
            writer.out.append(" ")
            writer.out.append(integer: firstImage + index)
            writer.out.append(" 0 R")
        }
        writer.out.append(" >> >>")
        writer.end()

        for (offset, font) in fonts.enumerated() {
            writer.begin(firstFont + offset)
            writer.out.append("<< /Type /Font /Subtype /Type1 /BaseFont /")
            writer.out.append(font.baseFont)
            writer.out.append(" /Encoding /WinAnsiEncoding >>")
            writer.end()
        }

        for (index, image) in document.images.enumerated() {
            writer.begin(firstImage + index)
            writeImage(image, to: &writer.out)
            writer.end()
        }

        for (index, page) in pages.enumerated() {
            let pageObject = firstPage + 2 * index
            writer.begin(pageObject)
            writer.out.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ")
            writer.out.append(number: page.width)
            writer.out.append(" ")
            writer.out.append(number: page.height)
            writer.out.append("] /Resources 4 0 R /Contents ")
            writer.out.append(integer: pageObject + 1)
            writer.out.append(" 0 R >>")
            writer.end()

            writer.begin(pageObject + 1)
            writeStream(dictionary: "", data: page.content.bytes, to: &writer.out)
            writer.end()
        }

        return writer.finish(rootObject: catalog, infoObject: info)
    }

    private static func writeInfo(_ info: PDFDocumentInfo, to out: inout PDFByteBuffer) {
        out.append("<< /Title ")
        appendTextString(info.title, to: &out)
        out.append(" /Producer ")
        appendTextString(info.producer, to: &out)
        out.append(" /CreationDate ")
        out.appendLiteralString(Array(pdfDate(info.creationDate).utf8))
        out.append(" >>")
    }

    /// A "text string" in the PDF sense: plain ASCII as is, anything else as UTF-16BE with a BOM,
    /// which every reader shows correctly (PDFDocEncoding would need its own table).
    private static func appendTextString(_ text: String, to out: inout PDFByteBuffer) {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            out.appendLiteralString(Array(text.utf8))
            return
        }
        var utf16: [UInt8] = [0xFE, 0xFF]
        for unit in text.utf16 {
            utf16.append(UInt8(unit >> 8))
            utf16.append(UInt8(unit & 0xFF))
        }
        out.appendHexString(utf16)
    }

    /// `D:20260315143000Z`, computed from the Unix time in UTC: no Calendar or locale involved.
    static func pdfDate(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        var out = PDFByteBuffer(capacity: 17)
        out.append("D:")
        out.append(integer: year, zeroPaddedTo: 4)
        out.append(integer: month, zeroPaddedTo: 2)
        out.append(integer: day, zeroPaddedTo: 2)
        out.append(integer: secondOfDay / 3600, zeroPaddedTo: 2)
        out.append(integer: secondOfDay / 60 % 60, zeroPaddedTo: 2)
        out.append(integer: secondOfDay % 60, zeroPaddedTo: 2)
        out.append("Z")
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian calendar).
    private static func civilDate(daysSinceEpoch: Int) -> (Int, Int, Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func writeImage(_ image: PDFImage, to out: inout PDFByteBuffer) {
        var dictionary = PDFByteBuffer(capacity: 200)
        dictionary.append("/Type /XObject /Subtype /Image /Width ")
        dictionary.append(integer: image.pixelWidth)
        dictionary.append(" /Height ")
        dictionary.append(integer: image.pixelHeight)
        dictionary.append(" /BitsPerComponent ")
        dictionary.append(integer: image.bitsPerComponent)
        dictionary.append(" /ColorSpace ")
        switch image.colorSpace {
        case .gray: dictionary.append("/DeviceGray")
        case .rgb: dictionary.append("/DeviceRGB")
        case .cmyk(let inverted):
            dictionary.append("/DeviceCMYK")
            if inverted { dictionary.append(" /Decode [1 0 1 0 1 0 1 0]") }
        case .indexed(let palette):
            dictionary.append("[/Indexed /DeviceRGB ")
            dictionary.append(integer: palette.count / 3 - 1)
            dictionary.append(" ")
            dictionary.appendHexString(palette)
            dictionary.append("]")
        }
        switch image.encoding {
        case .dct:
            dictionary.append(" /Filter /DCTDecode")
        case .flatePNG(let colors):
            dictionary.append(" /Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors ")
            dictionary.append(integer: colors)
            dictionary.append(" /BitsPerComponent ")
            dictionary.append(integer: image.bitsPerComponent)
            dictionary.append(" /Columns ")
            dictionary.append(integer: image.pixelWidth)
            dictionary.append(" >>")
        }
        writeStream(dictionary: String(decoding: dictionary.bytes, as: UTF8.self), data: image.data, to: &out)
    }

    private static func writeStream(dictionary: String, data: [UInt8], to out: inout PDFByteBuffer) {
        out.append("<< ")
        if !dictionary.isEmpty {
            out.append(dictionary)
            out.append(" ")
        }
        out.append("/Length ")
        out.append(integer: data.count)
        out.append(" >>\nstream\n")
        out.append(contentsOf: data)
        out.append("\nendstream")
    }
}

/// Numbered indirect objects and the byte offsets the cross-reference table needs.
private struct ObjectWriter {
    var out = PDFByteBuffer(capacity: 16_384)
    private var offsets: [Int] = []

    init() {
        // The second line's high bytes tell transfer tools the file is binary (PDF 1.7, 7.5.2).
        out.append("%PDF-1.7\n")
        out.append(contentsOf: [0x25, 0xE2, 0xE3, 0xCF, 0xD3, 0x0A])
    }

    /// Objects must be written in order 1, 2, 3 … so offsets line up with numbers.
    mutating func begin(_ number: Int) {
        assert(number == offsets.count + 1, "PDF objects are written in order")
        offsets.append(out.count)
        out.append(integer: number)
        out.append(" 0 obj\n")
    }

    mutating func end() { out.append("\nendobj\n") }

    mutating func finish(rootObject: Int, infoObject: Int) -> [UInt8] {
        let xrefOffset = out.count
        out.append("xref\n0 ")
        out.append(integer: offsets.count + 1)
        // Each entry is exactly 20 bytes, ending in space + line feed.
        out.append("\n0000000000 65535 f \n")
        for offset in offsets {
            out.append(integer: offset, zeroPaddedTo: 10)
            out.append(" 00000 n \n")
        }
        out.append("trailer\n<< /Size ")
        out.append(integer: offsets.count + 1)
        out.append(" /Root ")
        out.append(integer: rootObject)
        out.append(" 0 R /Info ")
        out.append(integer: infoObject)
        out.append(" 0 R >>\nstartxref\n")
        out.append(integer: xrefOffset)
        out.append("\n%%EOF\n")
        return out.bytes
    }
}
