import BoutiqueCore
import FluentKit
import Foundation
import SQLKit

extension MailboxTable {
    /// Deletes the kept messages addressed to `email` or naming it or `fullName` anywhere (a card
    /// sent to a friend carries the sender's name). - Returns: how many.
    @discardableResult
    public func delete(mentioning email: String, fullName: String) async throws -> Int {
        let address = "%" + SQLLike.escaped(email.lowercased()) + "%"
        let name = "%" + SQLLike.escaped(fullName.lowercased()) + "%"
        return try await db.requireSQL().raw("""
            DELETE FROM mailbox_messages
            WHERE LOWER(recipients) LIKE \(bind: address) ESCAPE '\\' OR LOWER(message) LIKE \(bind: address) ESCAPE '\\'
               OR LOWER(message) LIKE \(bind: name) ESCAPE '\\'
            RETURNING id
            """).all().count
    }
}
