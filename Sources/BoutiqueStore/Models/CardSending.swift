import BoutiqueCore
import FluentKit
import Foundation

/// A card sent, or to be sent, by e-mail to someone, with a message.
public final class CardSending: Model, @unchecked Sendable {
    public static let schema = "card_sendings"

    @ID(key: .id) public var id: UUID?
    @Field(key: "card_id") public var cardID: UUID
    @Parent(key: "user_id") public var user: User
    @Field(key: "recipient_email") public var recipientEmail: String
    @Field(key: "recipient_name") public var recipientName: String
    @Field(key: "message") public var message: String
    @Field(key: "send_at") public var sendAt: Date
    @OptionalField(key: "sent_at") public var sentAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(cardID: UUID, userID: UUID, recipientEmail: String, recipientName: String, message: String, sendAt: Date) {
        self.cardID = cardID
        self.$user.id = userID
        self.recipientEmail = recipientEmail
        self.recipientName = recipientName
        self.message = message
        self.sendAt = sendAt
    }
}
