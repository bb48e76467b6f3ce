import BoutiqueCore
import FluentKit
import Foundation

extension ContactMessageTable {
    /// A « Contactez-nous » message as « Mes données » lists it.
    public struct Sent: Sendable, Equatable {
        public let email: String
        public let subject: String
        public let message: String
        public let orderReference: String?
        public let createdAt: Date?
    }

    /// The messages the user sent, logged in (their id) or not (their address), oldest first.
    public func sent(by userID: UUID, email: String) async throws -> [Sent] {
        try await query(userID: userID, email: email).sort(\.$createdAt).all().map { message in
            Sent(email: message.email, subject: message.subject, message: message.message, orderReference: message.orderReference,
                 createdAt: message.createdAt)
        }
    }

    public func deleteAll(by userID: UUID, email: String) async throws {
        try await query(userID: userID, email: email).delete()
    }

    private func query(userID: UUID, email: String) -> QueryBuilder<ContactMessage> {
        ContactMessage.query(on: db).group(.or) { $0.filter(\.$user.$id == userID).filter(\.$email == email) }
    }
}
