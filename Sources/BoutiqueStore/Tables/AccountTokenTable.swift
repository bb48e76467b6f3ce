import BoutiqueCore
import FluentKit
import SQLKit
import Foundation

/// `account_tokens`: the single-use, expiring links of an account (e-mail verification, password
/// reset, e-mail change) and the second factor's challenges. Only a token's SHA-256 is stored;
/// a token belongs to its user, whose id it names.
public struct AccountTokenTable: Sendable {
    let db: any Database

    public typealias Purpose = AccountToken.Purpose

    /// A stored token, found by its hash.
    public struct Token: Sendable {
        public let id: UUID
        public let userID: UUID
        /// For `changeEmail`: the address that takes effect when the link is followed.
        public let newEmail: String?
        public let expiresAt: Date
        public let usedAt: Date?
    }

    /// Stores a new token for `userID`.
    public func create(userID: UUID, purpose: Purpose, tokenHash: String, newEmail: String? = nil, expiresAt: Date) async throws {
        try await AccountToken(userID: userID, purpose: purpose, tokenHash: tokenHash, newEmail: newEmail, expiresAt: expiresAt)
            .create(on: db)
    }

    /// The token of `purpose` whose hash is `tokenHash`, used or not, expired or not.
    public func find(hash tokenHash: String, purpose: Purpose) async throws -> Token? {
        try await AccountToken.query(on: db).filter(\.$tokenHash == tokenHash).filter(\.$purpose == purpose).first().map {
            Token(id: try $0.requireID(), userID: $0.$user.id, newEmail: $0.newEmail, expiresAt: $0.expiresAt, usedAt: $0.usedAt)
        }
    }

    /// Uses the token up, once: false when another request used it first (two clicks on one
    /// link at the same instant: only one of them may act).
    @discardableResult
    public func markUsed(_ id: UUID, at date: Date) async throws -> Bool {
        try await db.requireSQL().raw("""
            UPDATE account_tokens SET used_at = \(bind: date) WHERE id = \(bind: id) AND used_at IS NULL RETURNING id
            """).first() != nil
    }

    /// Uses up every token of the user not used yet (an account whose access ended), or only
    /// those of `purpose` (the other reset links once a password was chosen).
    public func markUnusedUsed(of userID: UUID, purpose: Purpose? = nil, at date: Date) async throws {
        let query = AccountToken.query(on: db).filter(\.$user.$id == userID).filter(\.$usedAt == nil)
        if let purpose { query.filter(\.$purpose == purpose) }
        try await query.set(\.$usedAt, to: date).update()
    }
}

extension Tables {
    public var accountTokens: AccountTokenTable { AccountTokenTable(db: db) }
}
