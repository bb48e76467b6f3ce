import BoutiqueCore
import FluentKit
import Foundation
import SQLKit

/// `users.totp_last_step` (M104), outside the Fluent model: only these statements read or write it.
extension UserTable {
    /// Records `step` as the user's last accepted TOTP step, in one guarded statement, unless a
    /// step as late or later was accepted already. Two requests racing with one code: one wins.
    /// - Returns: false when the code's step was used already (a replay).
    public func acceptTOTPStep(_ step: Int64, of id: UUID) async throws -> Bool {
        try await db.requireSQL().raw("""
            UPDATE users SET totp_last_step = \(bind: step)
            WHERE id = \(bind: id) AND (totp_last_step IS NULL OR totp_last_step < \(bind: step))
            RETURNING id
            """).first() != nil
    }

    /// Forgets the accepted steps with the secret (`removeSecondFactor`): a new secret starts afresh.
    func forgetTOTPSteps(of id: UUID) async throws {
        try await db.requireSQL().raw("UPDATE users SET totp_last_step = NULL WHERE id = \(bind: id)").run()
    }

    /// The TOTP secrets stored before they were sealed (no `prefix`), by account: what
    /// `resealTOTPSecret` upgrades at start-up.
    public func unsealedTOTPSecrets(prefix: String) async throws -> [(userID: UUID, secret: String)] {
        try await db.requireSQL().raw("""
            SELECT id, totp_secret FROM users WHERE totp_secret IS NOT NULL AND totp_secret NOT LIKE \(bind: prefix + "%")
            """).all().map { (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "totp_secret", as: String.self)) }
    }

    /// Replaces a clear secret by its sealed form, unless it changed meanwhile.
    public func resealTOTPSecret(of id: UUID, from clear: String, to sealed: String) async throws {
        try await db.requireSQL().raw("""
            UPDATE users SET totp_secret = \(bind: sealed) WHERE id = \(bind: id) AND totp_secret = \(bind: clear)
            """).run()
    }
}
