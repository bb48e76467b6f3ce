import BoutiqueCore
import BoutiqueMail
import BoutiqueStore
import Foundation

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
        try await database.tables.mailbox.add(recipients: recipients, subject: message.subject, message: json,
                                              at: EpochMilliseconds.from(now()))
    }

    /// A message as the mailbox lists it.
    public struct Entry: Sendable {
        public let id: Int64
        public let receivedAt: Date
        public let message: MailMessage
    }

    /// The newest messages first.
    public func list(limit: Int = 200) async throws -> [Entry] {
        try await database.tables.mailbox.newest(limit: limit).map(Self.entry)
    }

    public func message(id: Int64) async throws -> Entry? {
        try await database.tables.mailbox.message(id: id).map(Self.entry)
    }

    static func entry(_ row: MailboxTable.Row) throws -> Entry {
        Entry(id: row.id, receivedAt: Date(timeIntervalSince1970: Double(row.createdAt) / 1_000),
              message: try JSONDecoder().decode(MailMessage.self, from: Data(row.message.utf8)))
    }
}
