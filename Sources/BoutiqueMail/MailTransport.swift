/// Something that delivers messages: SMTP in production, a mailbox in the demo, a recorder in tests.
public protocol MailTransport: Sendable {
    /// Sends or throws; a `MailDeliveryError` says whether retrying can help.
    ///
    /// Returning means the next hop (for SMTP, the server) accepted the message for every recipient.
    func send(_ message: MailMessage) async throws
}
