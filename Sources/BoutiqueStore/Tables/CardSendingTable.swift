import BoutiqueCore
import FluentKit
import Foundation
import SQLKit

/// `card_sendings`: « Envoyer ma e-Carte », a card sent (or to be sent on a chosen day) by e-mail
/// by its holder. Rows belong to the holder (`user_id`) of a card read through `OwnedCardTable`.
public struct CardSendingTable: Sendable {
    let db: any Database

    /// A sending as the card's page lists it.
    public struct Listed: Sendable {
        public let recipientName: String
        public let recipientEmail: String
        public let sendAt: Date
        public let sentAt: Date?
    }

    /// A sending as its job reads it.
    public struct Sending: Sendable {
        public let cardID: UUID
        public let userID: UUID
        public let recipientEmail: String
        public let recipientName: String
        public let message: String
        public let sentAt: Date?
    }

    /// Records a sending of the user's card. - Returns: its id.
    public func add(cardID: UUID, userID: UUID, recipientEmail: String, recipientName: String, message: String,
                    sendAt: Date) async throws -> UUID {
        let sending = CardSending(cardID: cardID, userID: userID, recipientEmail: recipientEmail, recipientName: recipientName,
                                  message: message, sendAt: sendAt)
        try await sending.create(on: db)
        return try sending.requireID()
    }

    /// One sending, for its job (which runs outside any CSE's request).
    public func sending(acrossTenants id: UUID) async throws -> Sending? {
        try await CardSending.query(on: db).filter(\.$id == id).first().map { sending in
            Sending(cardID: sending.cardID, userID: sending.$user.id, recipientEmail: sending.recipientEmail,
                    recipientName: sending.recipientName, message: sending.message, sentAt: sending.sentAt)
        }
    }

    /// Marks a sending sent, once. - Returns: false when it already was (another run of its job).
    public func markSent(_ id: UUID, at date: Date) async throws -> Bool {
        try await !db.requireSQL().raw("""
            UPDATE card_sendings SET sent_at = \(bind: date) WHERE id = \(bind: id) AND sent_at IS NULL RETURNING id
            """).all().isEmpty
    }

    /// The sendings of the cards `ids` (their holder's, read through `OwnedCardTable`), oldest
    /// planned first, by card.
    public func sendings(ofCards ids: [UUID]) async throws -> [UUID: [Listed]] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.requireSQL().raw("""
            SELECT card_id, recipient_name, recipient_email, send_at, sent_at FROM card_sendings
            WHERE card_id IN (\(binds: ids)) ORDER BY send_at
            """).all()
        var sendings: [UUID: [Listed]] = [:]
        for row in rows {
            sendings[try row.decode(column: "card_id", as: UUID.self), default: []].append(Listed(
                recipientName: try row.decode(column: "recipient_name", as: String.self),
                recipientEmail: try row.decode(column: "recipient_email", as: String.self),
                sendAt: try row.decode(column: "send_at", as: Date.self), sentAt: try row.decode(column: "sent_at", as: Date?.self)))
        }
        return sendings
    }
}

extension Tables {
    public var cardSendings: CardSendingTable { CardSendingTable(db: db) }
}
