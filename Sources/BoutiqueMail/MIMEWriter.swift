import Foundation

/// Turns a ``MailMessage`` into RFC 5322 / MIME bytes, 7-bit clean.
///
/// Structure: `text/plain` alone; `multipart/alternative` (text, then HTML) when there is HTML;
/// wrapped in `multipart/mixed` with the attachments when there are any. Text parts are UTF-8
/// quoted-printable, attachments base64; header text is encoded and folded by ``MIMEHeaderEncoder``.
public enum MIMEWriter {
    /// The full RFC 5322 message (headers + body), CRLF line ends, ready for DATA (before dot-stuffing).
    ///
    /// `messageID` is used with or without its angle brackets; see ``makeMessageID(domain:)``.
    public static func render(_ message: MailMessage, date: Date, messageID: String) -> Data {
        let boundarySeed = fnv1a(messageID)
        var output = headers(message, date: date, messageID: messageID)
        output += render(rootPart(message, boundarySeed: boundarySeed))
        return Data(output.utf8)
    }

    /// A unique `<…@domain>` Message-ID; the domain is normally the sender's.
    public static func makeMessageID(domain: String) -> String {
        let safeDomain = domain.isEmpty || !domain.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") })
            ? "boutique.invalid" : domain
        return "<\(UUID().uuidString.lowercased())@\(safeDomain)>"
    }

    private static func headers(_ message: MailMessage, date: Date, messageID: String) -> String {
        var output = MIMEHeaderEncoder.field("Date", tokens: [rfc5322Date(date)])
        output += MIMEHeaderEncoder.field("From", tokens: MIMEHeaderEncoder.addressTokens(message.from))
        output += MIMEHeaderEncoder.field("To", tokens: MIMEHeaderEncoder.addressListTokens(message.to))
        if let replyTo = message.replyTo {
            output += MIMEHeaderEncoder.field("Reply-To", tokens: MIMEHeaderEncoder.addressTokens(replyTo))
        }
        output += MIMEHeaderEncoder.field("Subject", tokens: MIMEHeaderEncoder.unstructuredTokens(message.subject))
        let bracketed = messageID.hasPrefix("<") ? messageID : "<\(messageID)>"
        output += MIMEHeaderEncoder.field("Message-ID", tokens: [bracketed])
        output += "MIME-Version: 1.0\r\n"
        return output
    }

    // MARK: Parts

    /// A MIME entity: its header fields (folded, CRLF-terminated) and its encoded body.
    struct Part {
        var headers: String
        var body: String
    }

    private static func rootPart(_ message: MailMessage, boundarySeed: String) -> Part {
        var content = textPart(message.text, subtype: "plain")
        if let html = message.html {
            content = multipart(
                "alternative", boundary: "=_Boutique_alt_\(boundarySeed)",
                parts: [content, textPart(html, subtype: "html")]
            )
        }
        guard !message.attachments.isEmpty else { return content }
        return multipart(
            "mixed", boundary: "=_Boutique_mix_\(boundarySeed)",
            parts: [content] + message.attachments.map(attachmentPart)
        )
    }

    private static func textPart(_ text: String, subtype: String) -> Part {
        Part(
            headers: "Content-Type: text/\(subtype); charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n",
            body: MIMEContentEncoding.quotedPrintable(text)
        )
    }

    private static func attachmentPart(_ attachment: MailAttachment) -> Part {
        let type = isValidContentType(attachment.contentType) ? attachment.contentType : "application/octet-stream"
        let contentType = MIMEHeaderEncoder.field(
            "Content-Type", tokens: withSemicolons([type] + MIMEHeaderEncoder.parameterTokens("name", value: attachment.filename))
        )
        let disposition = MIMEHeaderEncoder.field(
            "Content-Disposition",
            tokens: withSemicolons(["attachment"] + MIMEHeaderEncoder.parameterTokens("filename", value: attachment.filename))
        )
        return Part(
            headers: contentType + disposition + "Content-Transfer-Encoding: base64\r\n",
            body: MIMEContentEncoding.base64Lines(attachment.data)
        )
    }

    /// The boundaries start with `=_`, which neither quoted-printable nor base64 can produce, so
    /// they never occur inside a part.
    private static func multipart(_ subtype: String, boundary: String, parts: [Part]) -> Part {
        var body = ""
        for part in parts {
            body += "--\(boundary)\r\n" + render(part) + "\r\n"
        }
        body += "--\(boundary)--\r\n"
        return Part(headers: "Content-Type: multipart/\(subtype);\r\n boundary=\"\(boundary)\"\r\n", body: body)
    }

    private static func render(_ part: Part) -> String {
        part.headers + "\r\n" + part.body
    }

    private static func withSemicolons(_ tokens: [String]) -> [String] {
        tokens.enumerated().map { index, token in index < tokens.count - 1 ? token + ";" : token }
    }

    /// `type/subtype` made of RFC 2045 token characters; anything else could break the header.
    static func isValidContentType(_ value: String) -> Bool {
        let pieces = value.split(separator: "/", omittingEmptySubsequences: false)
        guard pieces.count == 2 else { return false }
        return pieces.allSatisfy { piece in
            !piece.isEmpty && piece.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "!#$&^_.+-".unicodeScalars.contains(scalar))
            }
        }
    }

    // MARK: Helpers

    /// `Tue, 25 Nov 2025 09:05:00 +0000`: English names whatever the locale, always UTC.
    static func rfc5322Date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let weekday = days[((parts.weekday ?? 1) - 1) % 7]
        let month = months[((parts.month ?? 1) - 1) % 12]
        let time = [parts.hour, parts.minute, parts.second].map { twoDigits($0 ?? 0) }.joined(separator: ":")
        return "\(weekday), \(twoDigits(parts.day ?? 1)) \(month) \(parts.year ?? 1970) \(time) +0000"
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    /// A short stable hash, so boundaries are deterministic for a given Message-ID (repeatable tests).
    private static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return String(hash, radix: 16)
    }
}
