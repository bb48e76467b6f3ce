import BoutiqueCore
import BoutiqueMail
import BoutiqueStore
import Foundation
import Logging

/// The e-mail « Votre compte a été fermé », to the address the closure erases. It leaves through
/// the queue like any other (an SMTP outage loses it not), but as its own kind: no copy is kept
/// in the mailbox table, and the job's payload is emptied once sent, so the address stays in the
/// database only until the message has left. (The demo's built-in mailbox is the inbox itself: it
/// keeps the message, for 13 months like every other.)
enum AccountFarewell {
    static let kind = ShopJobKind.sendFarewell.rawValue

    static func enqueue(_ message: MailMessage, in tables: Tables) async throws {
        _ = try await JobQueue.enqueue(NewJob(kind: kind, payload: try JobPayload.encode(message), maxAttempts: 30), in: tables)
    }

    static func register(in registry: inout JobRegistry, transport: any MailTransport, database: BoutiqueDatabase) {
        let sender = (transport as? KeepingCopyTransport)?.transport ?? transport
        registry.register(kind, payload: MailMessage.self) { message, context in
            do {
                try await sender.send(message)
            } catch let error as MailDeliveryError where !error.isTransient {
                try await JobQueue(database: database).clearPayload(of: context.job.id)
                throw PermanentJobError("Envoi refusé : \(error.description)")
            }
            try await JobQueue(database: database).clearPayload(of: context.job.id)
            context.logger.info("E-mail de fermeture de compte envoyé")
        }
    }
}
