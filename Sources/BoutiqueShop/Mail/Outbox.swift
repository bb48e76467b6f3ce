import BoutiqueCore
import BoutiqueMail
import BoutiqueStore
import Foundation
import Logging

/// Mail leaves through the job queue: a message is a `mail.send` job enqueued in the same
/// transaction as the event that causes it, so a crash or an SMTP outage loses none.
public enum Outbox {
    public static let kind = ShopJobKind.sendMail.rawValue

    /// Queues `message` through `tables` (the caller's transaction, usually).
    @discardableResult
    public static func enqueue(_ message: MailMessage, in tables: Tables, runAt: Date? = nil) async throws -> Int64? {
        try await JobQueue.enqueue(try job(message, runAt: runAt), in: tables)
    }

    /// The `mail.send` job of `message`.
    static func job(_ message: MailMessage, runAt: Date?) throws -> NewJob {
        // A day of retries with the default backoff (capped at an hour) before the message is dead.
        NewJob(kind: kind, payload: try JobPayload.encode(message), runAt: runAt.map(EpochMilliseconds.from), maxAttempts: 30)
    }

    /// Registers the sender: transient failures are retried, refusals end the job.
    public static func register(in registry: inout JobRegistry, transport: any MailTransport) {
        registry.register(kind, payload: MailMessage.self) { message, context in
            do {
                try await transport.send(message)
                context.logger.info("E-mail envoyé", metadata: ["recipients": "\(message.to.count)"])
            } catch let error as MailDeliveryError where !error.isTransient {
                throw PermanentJobError("Envoi refusé : \(error.description)")
            }
        }
    }
}
