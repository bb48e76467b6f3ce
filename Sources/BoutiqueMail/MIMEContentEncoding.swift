import Foundation

/// Body encodings that keep every line short and 7-bit, so any SMTP server relays the message intact.
enum MIMEContentEncoding {
    /// The longest encoded line RFC 2045 allows for quoted-printable and base64 (without CRLF).
    static let maxEncodedLineLength = 76

    /// Quoted-printable (RFC 2045 §6.7) of `text` as UTF-8; any line ending (LF, CR, CRLF) becomes
    /// a CRLF hard break and long lines get `=` soft breaks.
    static func quotedPrintable(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        let lines = splitLines(Array(text.utf8))
        for (index, line) in lines.enumerated() {
            if index > 0 { output += "\r\n" }
            appendQuotedPrintableLine(line, to: &output)
        }
        return output
    }

    /// Base64 in lines of 76 characters, each ending with CRLF.
    static func base64Lines(_ data: Data) -> String {
        let encoded = Array(data.base64EncodedString().utf8)
        var output = ""
        output.reserveCapacity(encoded.count + encoded.count / maxEncodedLineLength * 2 + 2)
        var start = 0
        while start < encoded.count {
            let end = min(start + maxEncodedLineLength, encoded.count)
            output += String(decoding: encoded[start..<end], as: UTF8.self) + "\r\n"
            start = end
        }
        return output
    }

    /// Splits on LF, CRLF or a lone CR, so that every kind of line ending becomes one CRLF later.
    static func splitLines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\n"):
                lines.append(bytes[start..<index])
                start = index + 1
            case UInt8(ascii: "\r"):
                lines.append(bytes[start..<index])
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
                start = index + 1
            default:
                break
            }
            index += 1
        }
        lines.append(bytes[start..<bytes.count])
        return lines
    }

    private static func appendQuotedPrintableLine(_ line: ArraySlice<UInt8>, to output: inout String) {
        var lineLength = 0
        for index in line.indices {
            let token = quotedPrintableToken(line[index], isLineEnd: index == line.index(before: line.endIndex))
            // Keep one column for the `=` of a soft break.
            if lineLength + token.count > maxEncodedLineLength - 1 {
                output += "=\r\n"
                lineLength = 0
            }
            output += token
            lineLength += token.count
        }
    }

    private static func quotedPrintableToken(_ byte: UInt8, isLineEnd: Bool) -> String {
        let isWhitespace = byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
        // Trailing whitespace would be stripped by relays, so it is encoded at the end of a line.
        if isWhitespace && !isLineEnd { return String(UnicodeScalar(byte)) }
        if (33...126).contains(byte) && byte != UInt8(ascii: "=") { return String(UnicodeScalar(byte)) }
        return "=" + hexByte(byte)
    }

    static func hexByte(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
