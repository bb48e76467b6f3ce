import BoutiqueCore
import FluentKit
import Foundation
import SQLKit

/// `mailbox_messages`: the e-mails kept whole (the built-in mailbox, and copies of what SMTP
/// sent), for the operator's mailbox page and « Renvoyer ». Platform-wide: no CSE owns them.
public struct MailboxTable: Sendable {
    let db: any Database

    /// A kept message as stored: `message` is the message's JSON.
    public struct Row: Sendable {
        public let id: Int64
        public let message: String
        public let createdAt: EpochMilliseconds
    }

    /// Keeps a message; `recipients` are its addresses joined by ", ".
    public func add(recipients: String, subject: String, message: String, at time: EpochMilliseconds) async throws {
        try await db.requireSQL().raw("""
            INSERT INTO mailbox_messages (recipients, subject, message, created_at)
            VALUES (\(bind: recipients), \(bind: subject), \(bind: message), \(bind: time))
            """).run()
    }

    /// The newest messages first.
    public func newest(limit: Int) async throws -> [Row] {
        try await db.requireSQL().raw("""
            SELECT id, message, created_at FROM mailbox_messages ORDER BY id DESC LIMIT \(bind: limit)
            """).all().map(Self.row)
    }

    public func message(id: Int64) async throws -> Row? {
        try await db.requireSQL().raw("SELECT id, message, created_at FROM mailbox_messages WHERE id = \(bind: id)").first()
            .map(Self.row)
    }

    /// The newest messages whose recipients include `email` as one whole address (`recipients`
    /// joins them with ", "); `_`, common in addresses, is matched as itself.
    public func newest(to email: String, limit: Int) async throws -> [Row] {
        let address = SQLLike.escaped(email)
        return try await db.requireSQL().raw("""
            SELECT id, message, created_at FROM mailbox_messages
            WHERE recipients = \(bind: email) OR recipients LIKE \(bind: address + ", %") ESCAPE '\\'
               OR recipients LIKE \(bind: "%, " + address) ESCAPE '\\'
               OR recipients LIKE \(bind: "%, " + address + ", %") ESCAPE '\\'
            ORDER BY id DESC LIMIT \(bind: limit)
            """).all().map(Self.row)
    }

    /// Deletes the messages kept since before `cutoff` (the retention). - Returns: how many.
    public func delete(before cutoff: EpochMilliseconds) async throws -> Int {
        try await db.requireSQL().raw("""
            DELETE FROM mailbox_messages WHERE created_at < \(bind: cutoff) RETURNING id
            """).all().count
    }

    private static func row(_ row: any SQLRow) throws -> Row {
        Row(id: try row.decode(column: "id", as: Int64.self), message: try row.decode(column: "message", as: String.self),
            createdAt: try row.decode(column: "created_at", as: Int64.self))
    }
}

extension Tables {
    public var mailbox: MailboxTable { MailboxTable(db: db) }
}
