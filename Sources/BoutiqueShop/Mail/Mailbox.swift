import BoutiqueCore
import BoutiqueMail
import BoutiqueStore
import Foundation
import SQLKit

/// The built-in mailbox: the transport used when no SMTP server is configured. Messages are kept
/// in the database, whole, and listed by the developer mailbox page.
public struct Mailbox: MailTransport {
    let database: BoutiqueDatabase
    let now: @Sendable () -> Date

    public init(database: BoutiqueDatabase, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.now = now
    }

    public func send(_ message: MailMessage) async throws {
        let json = String(decoding: try JSONEncoder().encode(message), as: UTF8.self)
        let recipients = message.to.map(\.email).joined(separator: ", ")
        try await database.sql.raw("""
            INSERT INTO mailbox_messages (recipients, subject, message, created_at)
            VALUES (\(bind: recipients), \(bind: message.subject), \(bind: json), \(bind: EpochMilliseconds.from(now())))
            """).run()
    }

    /// A message as the mailbox lists it.
    public struct Entry: Sendable {
        public let id: Int64
        public let receivedAt: Date
        public let message: MailMessage
    }

    /// The newest messages first.
    public func list(limit: Int = 200) async throws -> [Entry] {
        let rows = try await database.sql.raw("""
            SELECT id, message, created_at FROM mailbox_messages ORDER BY id DESC LIMIT \(bind: limit)
            """).all()
        return try rows.map(Self.entry)
    }

    public func message(id: Int64) async throws -> Entry? {
        let row = try await database.sql.raw("SELECT id, message, created_at FROM mailbox_messages WHERE id = \(bind: id)").first()
        return try row.map(Self.entry)
    }

    static func entry(_ row: any SQLRow) throws -> Entry {
        let json = try row.decode(column: "message", as: String.self)
        return Entry(id: try row.decode(column: "id", as: Int64.self),
                     receivedAt: Date(timeIntervalSince1970: Double(try row.decode(column: "created_at", as: Int64.self)) / 1_000),
                     message: try JSONDecoder().decode(MailMessage.self, from: Data(json.utf8)))
    }
}
