/// What a server announced in its EHLO reply (RFC 5321 §4.1.1.1); empty after a HELO.
struct SMTPCapabilities: Sendable, Equatable {
    /// Upper-cased extension keywords, such as `STARTTLS`, `AUTH`, `SIZE`.
    var keywords: Set<String> = []
    /// Upper-cased SASL mechanisms from the `AUTH` line.
    var authMechanisms: Set<String> = []
    /// The largest message the server accepts, when it says so (`SIZE n`, n > 0).
    var maxMessageSize: Int?

    init() {}

    init(ehloReply: SMTPReply) {
        // The first line is the server's greeting text, not an extension.
        for line in ehloReply.lines.dropFirst() {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "=" }).map { $0.uppercased() }
            guard let keyword = words.first else { continue }
            keywords.insert(keyword)
            switch keyword {
            case "AUTH": authMechanisms.formUnion(words.dropFirst())
            case "SIZE": maxMessageSize = words.dropFirst().first.flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
            default: break
            }
        }
    }
}
