import BoutiqueCore
import BoutiqueMail
import BoutiqueStore
import Foundation

/// The operator's « Renvoyer »: a stored message goes out again, whole, through the outbox (so
/// with the same retries as the first time), and lands in the mailbox again once sent.
extension Mailbox {
    /// - Returns: the message queued, or nil when there is no such stored message.
    public func resend(actor: AccountActor, id: Int64) async throws -> MailMessage? {
        guard actor.role == .operator, let entry = try await message(id: id) else { return nil }
        try await database.transaction { tables in
            _ = try await Outbox.enqueue(entry.message, in: tables)
            try await AuditLog.record(.mailResent, by: actor, target: entry.message.to.map(\.email).joined(separator: ", "),
                                      tenantID: nil, details: entry.message.subject, in: tables)
        }
        return entry.message
    }

    /// The newest messages sent to `email`, for an order's page.
    public func messages(to email: String, limit: Int = 50) async throws -> [Entry] {
        // `recipients` lists the addresses joined by ", ": match one whole address, not a part.
        let rows = try await database.tables.mailbox.newest(to: email, limit: limit)
        // `_` in an address is a LIKE wildcard: keep only the exact recipients.
        return try rows.map(Self.entry).filter { $0.message.to.contains { $0.email == email } }
    }
}
