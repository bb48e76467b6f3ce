import BoutiqueCore
import FluentKit
import Foundation
import SQLKit

/// `recovery_codes` (M105): a staff account's single-use codes for when the authenticator is
/// lost. Only hashes are stored; a code is used up by one guarded statement, so two requests
/// racing with one code cannot both get in.
public struct RecoveryCodeTable: Sendable {
    let db: any Database

    static let table = "recovery_codes"

    /// Replaces the user's codes (used or not) with these hashes.
    public func replace(of userID: UUID, with hashes: [String], at date: Date) async throws {
        let sql = try db.requireSQL()
        try await sql.raw("DELETE FROM recovery_codes WHERE user_id = \(bind: userID)").run()
        let created = Int64(date.timeIntervalSince1970)
        for hash in hashes {
            try await sql.raw("""
                INSERT INTO recovery_codes (id, user_id, code_hash, created_at) VALUES (\(bind: UUID()), \(bind: userID), \(bind: hash), \(bind: created))
                """).run()
        }
    }

    /// Uses up the user's unused code with this hash.
    /// - Returns: false when there is none (a wrong code, or one used already).
    public func use(of userID: UUID, hash: String, at date: Date) async throws -> Bool {
        try await db.requireSQL().raw("""
            UPDATE recovery_codes SET used_at = \(bind: Int64(date.timeIntervalSince1970))
            WHERE user_id = \(bind: userID) AND code_hash = \(bind: hash) AND used_at IS NULL
            RETURNING id
            """).first() != nil
    }

    /// How many of the user's codes are still unused.
    public func remaining(of userID: UUID) async throws -> Int {
        let row = try await db.requireSQL().raw("""
            SELECT COUNT(*) AS n FROM recovery_codes WHERE user_id = \(bind: userID) AND used_at IS NULL
            """).first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Forgets the user's codes (the second factor turned off or reset).
    public func removeAll(of userID: UUID) async throws {
        try await db.requireSQL().raw("DELETE FROM recovery_codes WHERE user_id = \(bind: userID)").run()
    }
}

extension Tables {
    public var recoveryCodes: RecoveryCodeTable { RecoveryCodeTable(db: db) }
}
