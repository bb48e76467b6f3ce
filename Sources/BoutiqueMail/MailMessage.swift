/// An e-mail to send: envelope, headers and content, independent of any transport.
public struct MailMessage: Sendable, Codable, Hashable {
    /// The sender, used both for the `From` header and the SMTP envelope (`MAIL FROM`).
    public var from: MailAddress
    /// The recipients, used both for the `To` header and the SMTP envelope (`RCPT TO`).
    public var to: [MailAddress]
    /// Where replies should go, when not to `from`.
    public var replyTo: MailAddress?
    /// The subject line; any Unicode text.
    public var subject: String
    /// The plain-text body, always sent.
    public var text: String
    /// The HTML body; when present the message is `multipart/alternative` with `text` beside it.
    public var html: String?
    /// Files attached to the message.
    public var attachments: [MailAttachment]

    /// Creates a message.
    public init(
        from: MailAddress,
        to: [MailAddress],
        replyTo: MailAddress? = nil,
        subject: String,
        text: String,
        html: String? = nil,
        attachments: [MailAttachment] = []
    ) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.text = text
        self.html = html
        self.attachments = attachments
    }
}
