import BoutiqueMail
import BoutiqueShop
import Foundation

struct MailboxListView {
    struct Row {
        let id: Int64
        let receivedAt: String
        let to: String
        let subject: String
        let attachmentCount: Int
    }

    let rows: [Row]
    let isEmpty: Bool
    /// The copies of e-mails sent by SMTP, not the demo's mailbox.
    let keptCopies: Bool
    let retentionMonths = Mailbox.retentionMonths

    init(_ entries: [Mailbox.Entry], keptCopies: Bool = false) {
        self.keptCopies = keptCopies
        rows = entries.map { entry in
            Row(id: entry.id, receivedAt: FrenchDate.dateTime(entry.receivedAt),
                to: entry.message.to.map(\.email).joined(separator: ", "), subject: entry.message.subject,
                attachmentCount: entry.message.attachments.count)
        }
        isEmpty = entries.isEmpty
    }
}

struct MailboxMessageView {
    struct Attachment {
        let url: String
        let filename: String
        let size: String
    }

    let id: Int64
    let subject: String
    let from: String
    let to: String
    let receivedAt: String
    let hasHTML: Bool
    let htmlURL: String
    /// The text part, escaped, with its links made clickable.
    let textHTML: String
    let attachments: [Attachment]
    /// « L'e-mail est remis en file d'envoi. » after the operator's « Renvoyer ».
    var notice: String?
    /// A copy of an e-mail sent by SMTP, not a message of the demo's mailbox.
    let keptCopies: Bool

    init(_ entry: Mailbox.Entry, keptCopies: Bool = false) {
        self.keptCopies = keptCopies
        let message = entry.message
        id = entry.id
        subject = message.subject
        from = Self.address(message.from)
        to = message.to.map(Self.address).joined(separator: ", ")
        receivedAt = FrenchDate.dateTime(entry.receivedAt)
        hasHTML = message.html != nil
        htmlURL = "/_dev/mailbox/\(entry.id)/html"
        textHTML = Linkifier.html(message.text)
        attachments = message.attachments.enumerated().map { index, file in
            Attachment(url: "/_dev/mailbox/\(entry.id)/attachments/\(index)", filename: file.filename,
                       size: "\(max(1, file.data.count / 1_024)) Ko")
        }
    }

    static func address(_ address: MailAddress) -> String {
        address.name.map { "\($0) <\(address.email)>" } ?? address.email
    }
}

/// Escapes plain text for HTML and turns its http(s) links into anchors.
enum Linkifier {
    static func html(_ text: String) -> String {
        var output = ""
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { output += "\n" }
            output += line.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
                let escaped = HTMLText.escape(String(word))
                guard word.hasPrefix("http://") || word.hasPrefix("https://") else { return escaped }
                return "<a href=\"\(escaped)\">\(escaped)</a>"
            }.joined(separator: " ")
        }
        return output
    }
}

/// Dates as French pages print them: `25/11/2026 10:05:43`, Paris time.
enum FrenchDate {
    /// Built once: a `Calendar` costs more than the formatting, and lists print hundreds of dates.
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris") ?? .gmt
        return calendar
    }()

    static func dateTime(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { let v = value ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "\(two(c.day))/\(two(c.month))/\(c.year ?? 0) \(two(c.hour)):\(two(c.minute)):\(two(c.second))"
    }
}
