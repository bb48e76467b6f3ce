import Foundation

/// Header fields in 7-bit ASCII: RFC 2047 encoded-words for Unicode text, RFC 2231 parameters for
/// Unicode file names, and folding so that lines stay under 78 characters.
enum MIMEHeaderEncoder {
    /// The line length folding aims for (RFC 5322 §2.1.1 recommends 78, without CRLF).
    static let foldedLineLength = 78
    /// UTF-8 bytes per encoded-word: 39 bytes give 52 base64 characters, a 64-character word that
    /// fits after any header name used here and stays well under the 75-character limit.
    static let encodedWordPayloadBytes = 39
    /// Words longer than this are encoded so that folding can break them.
    static let longestPlainWord = 70

    /// A header field, folded at the spaces between tokens; ends with CRLF.
    static func field(_ name: String, tokens: [String]) -> String {
        var output = name + ":"
        var lineLength = output.count
        for (index, token) in tokens.enumerated() {
            // Never fold before an empty token: that would leave a line of only whitespace.
            if index > 0, !token.isEmpty, lineLength + 1 + token.count > foldedLineLength {
                output += "\r\n " + token
                lineLength = 1 + token.count
            } else {
                output += " " + token
                lineLength += 1 + token.count
            }
        }
        return output + "\r\n"
    }

    /// Tokens for unstructured text (Subject): plain words when safe, else encoded-words.
    static func unstructuredTokens(_ text: String) -> [String] {
        // A line break in a header value would end the header (or inject a new one).
        let singleLine = text.replacingOccurrences(of: "\r\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ")
            .replacingOccurrences(of: "\n", with: " ")
        if needsEncoding(singleLine) { return encodedWords(singleLine) }
        return singleLine.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
    }

    /// Tokens for a list of addresses, commas included.
    static func addressListTokens(_ addresses: [MailAddress]) -> [String] {
        var tokens: [String] = []
        for (index, address) in addresses.enumerated() {
            var addressTokens = self.addressTokens(address)
            if index < addresses.count - 1, let last = addressTokens.popLast() {
                addressTokens.append(last + ",")
            }
            tokens += addressTokens
        }
        return tokens
    }

    /// Tokens for one address: `Name <email>`, with the name quoted or encoded when needed.
    static func addressTokens(_ address: MailAddress) -> [String] {
        guard let name = address.name, !name.isEmpty else { return [address.email] }
        return displayNameTokens(name) + ["<\(address.email)>"]
    }

    private static func displayNameTokens(_ rawName: String) -> [String] {
        let name = rawName.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if needsEncoding(name) || name.count > longestPlainWord { return encodedWords(name) }
        let words = name.split(separator: " ", omittingEmptySubsequences: false)
        let isPlainPhrase = !words.contains(where: \.isEmpty) && name.unicodeScalars.allSatisfy { isAtext($0) || $0 == " " }
        if isPlainPhrase { return words.map(String.init) }
        let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return ["\"\(escaped)\""]
    }

    /// Whether text must travel as encoded-words: non-ASCII or control characters, something that
    /// would look like an encoded-word, spacing a decoder may not keep, or a word too long to fold.
    static func needsEncoding(_ text: String) -> Bool {
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value > 0x7E }) { return true }
        if text.contains("=?") || text.hasPrefix(" ") || text.hasSuffix(" ") || text.contains("  ") { return true }
        return text.split(separator: " ").contains { $0.count > longestPlainWord }
    }

    /// RFC 2047 `B` encoded-words, each ≤ 75 characters and never splitting a UTF-8 sequence.
    static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > encodedWordPayloadBytes {
                words.append(encodedWord(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(encodedWord(chunk)) }
        return words
    }

    private static func encodedWord(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?="
    }

    /// `atext` of RFC 5322: what a display name may hold without quotes.
    private static func isAtext(_ scalar: Unicode.Scalar) -> Bool {
        if ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) { return true }
        return "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(scalar)
    }

    /// Tokens for a parameter such as `filename`: quoted when plain ASCII, else RFC 2231
    /// `filename*=UTF-8''…`, split into `filename*0*=…; filename*1*=…` continuations when long.
    static func parameterTokens(_ name: String, value: String) -> [String] {
        let isPlain = value.count <= 60 && value.unicodeScalars.allSatisfy {
            $0.value >= 0x20 && $0.value <= 0x7E && $0 != "\"" && $0 != "\\"
        }
        if isPlain { return ["\(name)=\"\(value)\""] }
        let pieces = percentEncodedPieces(value, maxLength: 50)
        if pieces.count == 1 { return ["\(name)*=UTF-8''\(pieces[0])"] }
        return pieces.enumerated().map { index, piece in
            index == 0 ? "\(name)*0*=UTF-8''\(piece)" : "\(name)*\(index)*=\(piece)"
        }
    }

    /// RFC 2231 percent-encoding of the UTF-8 bytes, cut into pieces that never split a `%XX`
    /// triplet nor a UTF-8 sequence (each piece decodes on its own, which some clients need).
    private static func percentEncodedPieces(_ value: String, maxLength: Int) -> [String] {
        var pieces: [String] = []
        var current = ""
        for scalar in value.unicodeScalars {
            let encoded = String(scalar).utf8.map { byte -> String in
                isAttributeChar(byte) ? String(UnicodeScalar(byte)) : "%" + MIMEContentEncoding.hexByte(byte)
            }.joined()
            if current.count + encoded.count > maxLength, !current.isEmpty {
                pieces.append(current)
                current = ""
            }
            current += encoded
        }
        pieces.append(current)
        return pieces
    }

    private static func isAttributeChar(_ byte: UInt8) -> Bool {
        guard byte > 0x20, byte < 0x7F else { return false }
        return !"*'%()<>@,;:\\\"/[]?=".utf8.contains(byte)
    }
}
