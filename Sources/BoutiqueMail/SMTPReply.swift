/// One SMTP server reply, possibly spread over several lines (`250-…` then `250 …`).
struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    /// The three-digit reply code.
    var code: Int
    /// The text of each line, without the code and separator.
    var lines: [String]

    /// 2xx: the command succeeded.
    var isPositiveCompletion: Bool { (200..<300).contains(code) }
    /// 4xx: a temporary failure; the same command may work later.
    var isTransientFailure: Bool { (400..<500).contains(code) }

    /// `250 first line / second line`, for logs and errors.
    var description: String { "\(code) \(lines.joined(separator: " / "))" }
}
