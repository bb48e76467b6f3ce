import BoutiqueCore
import FluentKit
import Foundation

/// A single-use, expiring link token. Only its SHA-256 is stored: a leaked table gives no
/// working link.
public final class AccountToken: Model, @unchecked Sendable {
    public static let schema = "account_tokens"

    public enum Purpose: String, Codable, Sendable {
        case verifyEmail = "verify_email"
        case resetPassword = "reset_password"
        case changeEmail = "change_email"
        /// Between a correct password and the second factor's code.
        case secondFactor = "second_factor"
    }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: User
    @Field(key: "purpose") public var purpose: Purpose
    @Field(key: "token_hash") public var tokenHash: String
    /// For `changeEmail`: the address that takes effect when the link is followed.
    @OptionalField(key: "new_email") public var newEmail: String?
    @Field(key: "expires_at") public var expiresAt: Date
    @OptionalField(key: "used_at") public var usedAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(userID: UUID, purpose: Purpose, tokenHash: String, newEmail: String? = nil, expiresAt: Date) {
        self.$user.id = userID
        self.purpose = purpose
        self.tokenHash = tokenHash
        self.newEmail = newEmail
        self.expiresAt = expiresAt
    }
}
