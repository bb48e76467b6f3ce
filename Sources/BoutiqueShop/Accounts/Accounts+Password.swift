import BoutiqueCore
import BoutiqueStore
import Foundation

extension Accounts {
    /// Sends a reset link when an active or pending account has this address; the caller shows
    /// the same message either way.
    public func requestPasswordReset(email raw: String?) async throws {
        guard let email = FieldRules.email(raw),
              let user = try await database.tables.users.byEmail(acrossTenants: email),
              user.status != .disabled, user.status != .rejected else { return }
        try await database.transaction { tables in
            let secret = try await makeToken(for: user.id, purpose: .resetPassword, lifetime: Self.resetLifetime, in: tables)
            try await send("password-reset", to: user, subject: "Réinitialisation de votre mot de passe",
                           data: ["link": link("/mot-de-passe/nouveau", token: secret)], in: tables)
        }
    }

    /// Whether the reset link can still be used, to show its form or its error at once.
    public func isValidResetToken(_ token: String) async throws -> Bool {
        guard !token.isEmpty, token.count <= 100 else { return false }
        let found = try await database.tables.accountTokens.find(hash: SecureToken.hash(token), purpose: .resetPassword)
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
        let userID: UUID? = try await database.transaction { tables in
            guard let token = try await consumeToken(token, purpose: .resetPassword, in: tables),
                  try await tables.users.setPasswordHash(passwordHash, of: token.userID) else { return nil }
            return token.userID
        }
        guard let userID else { return false }
        try await SessionStore(database: database).destroyAll(userID: userID)
        // The owner proved they read the account's mail: login delays a stranger caused end here.
        if let email = try await database.tables.users.credentials(of: userID)?.user.email {
            try await throttle.reset(Self.loginKey(account: email))
        }
        return true
    }

    /// Changes the password of a logged-in user who knows the current one. Other sessions end.
    public func changePassword(actor: AccountActor, current: String?, new: String?, confirmation: String?,
                               keepSession idHash: String?) async throws {
        guard let row = try await database.tables.users.credentials(of: actor.id) else { throw FormErrors("form", AccountMessages.linkInvalid) }
        var errors = FormErrors()
        if try await !verify(current ?? "", against: row.passwordHash) {
            errors.add("currentPassword", AccountMessages.currentPasswordWrong)
        }
        for (field, message) in FieldRules.password(new ?? "", confirmation: confirmation ?? "", email: row.user.email) {
            errors.add(field, message)
        }
        guard errors.isEmpty else { throw errors }
        try await database.tables.users.setPasswordHash(try await hash(new ?? ""), of: actor.id)
        try await SessionStore(database: database).destroyOthers(userID: actor.id, keeping: idHash)
    }
}
