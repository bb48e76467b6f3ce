import BoutiqueCore
import FluentKit
import Foundation

extension CardSendingTable {
    /// A sending as « Mes données » lists it: everything the person typed.
    public struct Own: Sendable, Equatable {
        public let cardID: UUID
        public let recipientEmail: String
        public let recipientName: String
        public let message: String
        public let sendAt: Date
        public let sentAt: Date?
        public let createdAt: Date?
    }

    /// Every sending the user made or planned, oldest first.
    public func all(by userID: UUID) async throws -> [Own] {
        try await CardSending.query(on: db).filter(\.$user.$id == userID).sort(\.$sendAt).all().map { sending in
            Own(cardID: sending.cardID, recipientEmail: sending.recipientEmail, recipientName: sending.recipientName,
                message: sending.message, sendAt: sending.sendAt, sentAt: sending.sentAt, createdAt: sending.createdAt)
        }
    }

    /// The cards the user already sent to someone (whose balance is no longer theirs to lose).
    public func sentCards(by userID: UUID) async throws -> Set<UUID> {
        Set(try await CardSending.query(on: db).filter(\.$user.$id == userID).filter(\.$sentAt != nil).all().map(\.cardID))
    }

    /// Deletes the user's sendings: the recipients' addresses and the messages go with them.
    public func deleteAll(by userID: UUID) async throws {
        try await CardSending.query(on: db).filter(\.$user.$id == userID).delete()
    }
}
