/// Why a message was not delivered, and whether trying again later can help.
///
/// Transient: 4xx replies, connection failures, time-outs, a connection dropped mid-way.
/// Permanent: 5xx replies (unknown recipient, wrong password…), an invalid message or address, and
/// configuration problems that only a person can fix (TLS required but not offered, certificate
/// rejected, no usable AUTH mechanism).
public struct MailDeliveryError: Error, Sendable, CustomStringConvertible {
    /// Whether sending the same message again later may succeed.
    public let isTransient: Bool
    /// A human-readable explanation, safe to log: it never holds a password or the message body.
    public let description: String
    /// The SMTP reply code that caused the failure, when a server replied.
    public let replyCode: Int?

    /// Creates an error.
    public init(isTransient: Bool, description: String, replyCode: Int? = nil) {
        self.isTransient = isTransient
        self.description = description
        self.replyCode = replyCode
    }
}
