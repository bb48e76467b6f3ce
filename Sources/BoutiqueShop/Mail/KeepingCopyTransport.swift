import BoutiqueCore
import BoutiqueMail
import Logging

/// A transport that keeps a copy of every message it sends in the mailbox table, so that the
/// operator reads and resends e-mails sent by SMTP as in the demo. (The built-in mailbox keeps
/// what it receives by itself: it needs no wrapper.)
public struct KeepingCopyTransport: MailTransport {
    let transport: any MailTransport
    let copies: Mailbox
    let logger: Logger

    public init(_ transport: any MailTransport, copies: Mailbox, logger: Logger = Logger(label: "boutique.mail")) {
        self.transport = transport
        self.copies = copies
        self.logger = logger
    }

    /// Sends, then keeps the copy; only what the next hop accepted is kept.
    public func send(_ message: MailMessage) async throws {
        try await transport.send(message)
        do {
            try await copies.send(message)
        } catch {
            // Throwing now would retry the job and send the e-mail a second time: a missing copy is the lesser harm.
            logger.error("E-mail envoyé, mais sa copie n'a pas pu être conservée",
                         metadata: ["error": "\(error)", "recipients": "\(message.to.count)"])
        }
    }
}
