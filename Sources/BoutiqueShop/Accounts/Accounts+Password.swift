import BoutiqueCore
import BoutiqueStore
import FluentKit
import Foundation
import SQLKit

extension Accounts {
    /// Sends a reset link when an active or pending account has this address; the caller shows
    /// the same message either way.
    public func requestPasswordReset(email raw: String?) async throws {
        guard let email = FieldRules.email(raw),
              let user = try await User.query(on: database.db).filter(\.$email == email).first(),
              user.status != .disabled, user.status != .rejected else { return }
        try await database.db.transaction { db in
            let secret = try await makeToken(for: try user.requireID(), purpose: .resetPassword, lifetime: Self.resetLifetime, on: db)
            try await send("password-reset", to: user, subject: "Réinitialisation de votre mot de passe",
                           data: ["link": link("/mot-de-passe/nouveau", token: secret)], on: db)
        }
    }

    /// Whether the reset link can still be used, to show its form or its error at once.
    public func isValidResetToken(_ token: String) async throws -> Bool {
        guard !token.isEmpty, token.count <= 100 else { return false }
        let found = try await AccountToken.query(on: database.db)
            .filter(\.$tokenHash == SecureToken.hash(token)).filter(\.$purpose == .resetPassword).first()
        return found.map { $0.usedAt == nil && $0.expiresAt > now() } ?? false
    }

    /// Sets a new password from a reset link and ends every session of the account.
    /// - Returns: false when the link is no longer valid.
    public func resetPassword(token: String, password: String?, confirmation: String?) async throws -> Bool {
        let password = password ?? ""
        var errors = FormErrors()
        for (field, message) in FieldRules.password(password, confirmation: confirmation ?? "", email: nil) { errors.add(field, message) }
        guard errors.isEmpty else { throw errors }
        let passwordHash = try await hash(password)
        let userID: UUID? = try await database.db.transaction { db in
            guard let token = try await consumeToken(token, purpose: .resetPassword, on: db),
                  let user = try await User.find(token.$user.id, on: db) else { return nil }
            user.passwordHash = passwordHash
            try await user.save(on: db)
            return try user.requireID()
        }
        guard let userID else { return false }
        try await SessionStore(database: database).destroyAll(userID: userID)
        return true
    }

    /// Changes the password of a logged-in user who knows the current one. Other sessions end.
    public func changePassword(actor: AccountActor, current: String?, new: String?, confirmation: String?,
                               keepSession idHash: String?) async throws {
        guard let user = try await User.find(actor.id, on: database.db) else { throw FormErrors("form", AccountMessages.linkInvalid) }
        var errors = FormErrors()
        if try await !verify(current ?? "", against: user.passwordHash) {
            errors.add("currentPassword", AccountMessages.currentPasswordWrong)
        }
        for (field, message) in FieldRules.password(new ?? "", confirmation: confirmation ?? "", email: user.email) {
            errors.add(field, message)
        }
        guard errors.isEmpty else { throw errors }
        user.passwordHash = try await hash(new ?? "")
        try await user.save(on: database.db)
        try await database.sql.raw("""
            DELETE FROM sessions WHERE user_id = \(bind: actor.id.uuidString) AND id_hash <> \(bind: idHash ?? "")
            """).run()
    }
}
