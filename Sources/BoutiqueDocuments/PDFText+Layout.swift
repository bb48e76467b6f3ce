extension PDFText {
    /// The bytes as the content stream shows them: no-break spaces and line feeds become plain
    /// spaces (same width), so text extraction and search find "50,00 €" with an ordinary space.
    static func printable(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out = Array(bytes)
        for index in out.indices where out[index] == noBreakSpace || out[index] == lineFeed {
            out[index] = space
        }
        return out
    }

    /// Splits the text into lines no wider than `width` points, breaking at spaces (never at
    /// no-break spaces) and at line feeds; a word wider than the line is cut between letters.
    public func lines(font: PDFFont, size: Double, width: Double) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        for index in bytes.indices where bytes[index] == Self.lineFeed {
            wrapParagraph(bytes[start..<index], font: font, size: size, width: width, into: &lines)
            start = index + 1
        }
        wrapParagraph(bytes[start...], font: font, size: size, width: width, into: &lines)
        return lines
    }

    private func wrapParagraph(
        _ paragraph: ArraySlice<UInt8>, font: PDFFont, size: Double, width: Double,
        into lines: inout [ArraySlice<UInt8>]
    ) {
        // Widths are summed in 1/1000 em as integers, so the comparison is exact.
        let limit = Int((width * 1000 / size).rounded(.down))
        let spaceWidth = font.advance(of: Self.space)
        var lineStart = paragraph.startIndex
        var lineEnd = paragraph.startIndex // exclusive end of the words already on the line
        var lineWidth = 0
        var index = paragraph.startIndex
        while index < paragraph.endIndex {
            if paragraph[index] == Self.space {
                index += 1
                continue
            }
            var wordEnd = index
            var wordWidth = 0
            while wordEnd < paragraph.endIndex, paragraph[wordEnd] != Self.space {
                wordWidth += font.advance(of: paragraph[wordEnd])
                wordEnd += 1
            }
            let gap = lineEnd > lineStart ? spaceWidth * (index - lineEnd) : 0
            if lineEnd > lineStart && lineWidth + gap + wordWidth > limit {
                lines.append(paragraph[lineStart..<lineEnd])
                lineStart = index
                lineEnd = index
                lineWidth = 0
            }
            if lineEnd == lineStart && wordWidth > limit {
                // Too long for any line: cut it where it overflows.
                var cutWidth = 0
                var cut = index
                while cut < wordEnd {
                    let advance = font.advance(of: paragraph[cut])
                    if cutWidth + advance > limit && cut > index {
                        lines.append(paragraph[index..<cut])
                        index = cut
                        cutWidth = 0
                    }
                    cutWidth += advance
                    cut += 1
                }
                lineStart = index
                lineEnd = wordEnd
                lineWidth = cutWidth
                index = wordEnd
                continue
            }
            if lineEnd == lineStart {
                lineStart = index
                lineWidth = wordWidth
            } else {
                lineWidth += spaceWidth * (index - lineEnd) + wordWidth
            }
            lineEnd = wordEnd
            index = wordEnd
        }
        lines.append(paragraph[lineStart..<lineEnd])
    }
}

extension PDFText {
    static let ellipsis: UInt8 = 0x85

    /// The text cut to fit `width` points, ending with "…" when something had to go.
    static func truncated(_ bytes: ArraySlice<UInt8>, font: PDFFont, size: Double, width: Double) -> ArraySlice<UInt8> {
        let limit = Int((width * 1000 / size).rounded(.down))
        var total = 0
        for code in bytes { total += font.advance(of: code) }
        guard total > limit else { return bytes }
        let room = limit - font.advance(of: ellipsis)
        var end = bytes.startIndex
        var used = 0
        while end < bytes.endIndex, used + font.advance(of: bytes[end]) <= room {
            used += font.advance(of: bytes[end])
            end += 1
        }
        while end > bytes.startIndex, bytes[end - 1] == space || bytes[end - 1] == noBreakSpace { end -= 1 }
        return (Array(bytes[bytes.startIndex..<end]) + [ellipsis])[...]
    }
}
