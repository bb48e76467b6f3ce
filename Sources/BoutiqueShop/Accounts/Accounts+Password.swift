import BoutiqueCore
import BoutiqueStore
import Foundation

extension Accounts {
    /// Reset requests per client address and per typed address, in an hour: each sends an e-mail,
    /// so without a limit the form mails anyone's inbox full (and costs us the sending).
    public static let resetRequestsPerAddress = 5, resetRequestsPerAccount = 3
    static let requestWindow: Duration = .seconds(3_600)

    /// Sends a reset link when an active or pending account has this address; the caller shows
    /// the same message either way. The per-account limit counts every typed address, known or
    /// not, so a refusal does not tell either.
    public func requestPasswordReset(email raw: String?, from address: String) async throws -> RequestOutcome {
        guard try await throttle.reserve("reset:ip:\(address)", limit: Self.resetRequestsPerAddress, window: Self.requestWindow) else {
            return .throttled(AccountMessages.resetThrottledAddress)
        }
        guard let email = FieldRules.email(raw) else { return .accepted }
        guard try await throttle.reserve("reset:email:\(email)", limit: Self.resetRequestsPerAccount, window: Self.requestWindow) else {
            return .throttled(AccountMessages.resetThrottledAccount)
        }
        guard let user = try await database.tables.users.byEmail(acrossTenants: email),
              user.status != .disabled, user.status != .rejected else { return .accepted }
        try await database.transaction { tables in
            let secret = try await makeToken(for: user.id, purpose: .resetPassword, lifetime: Self.resetLifetime, in: tables)
            try await send("password-reset", to: user, subject: "Réinitialisation de votre mot de passe",
                           data: ["link": link("/mot-de-passe/nouveau", token: secret)], in: tables)
        }
        return .accepted
    }

    /// Whether the reset link can still be used, to show its form or its error at once.
    public func isValidResetToken(_ token: String) async throws -> Bool {
        guard !token.isEmpty, token.count <= 100 else { return false }
        let found = try await database.tables.accountTokens.find(hash: SecureToken.hash(token), purpose: .resetPassword)
        return found.map { $0.usedAt == nil && $0.expiresAt > now() } ?? false
    }

    /// Sets a new password from a reset link and ends every session of the account. Every other
    /// reset link of the account stops working (an older one left in a mailbox must not reset
    /// the password chosen now); the owner gets « Votre mot de passe a été modifié ».
    /// - Returns: false when the link is no longer valid.
    public func resetPassword(token: String, password: String?, confirmation: String?, from address: String = "local") async throws -> Bool {
        let password = password ?? ""
        var errors = FormErrors()
        for (field, message) in FieldRules.password(password, confirmation: confirmation ?? "", email: nil) { errors.add(field, message) }
        guard errors.isEmpty else { throw errors }
        let passwordHash = try await hash(password)
        let changedAt = now()
        let user: UserRecord? = try await database.transaction { tables in
            guard let token = try await consumeToken(token, purpose: .resetPassword, in: tables),
                  let user = try await tables.users.find(acrossTenants: token.userID),
                  try await tables.users.setPasswordHash(passwordHash, of: user.id) else { return nil }
            try await passwordChanged(.passwordReset, of: user, by: user.actor(from: address), at: changedAt, in: tables)
            return user
        }
        guard let user else { return false }
        try await SessionStore(database: database).destroyAll(userID: user.id)
        // The owner proved they read the account's mail: login delays a stranger caused end here.
        try await throttle.reset(Self.loginKey(account: user.email))
        return true
    }

    /// Changes the password of a logged-in user who knows the current one. Other sessions and
    /// every outstanding reset link end; the owner is told by e-mail.
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
        let passwordHash = try await hash(new ?? ""), changedAt = now()
        try await database.transaction { tables in
            try await tables.users.setPasswordHash(passwordHash, of: actor.id)
            try await passwordChanged(.passwordChanged, of: row.user, by: actor, at: changedAt, in: tables)
        }
        try await SessionStore(database: database).destroyOthers(userID: actor.id, keeping: idHash)
    }

    /// What follows a new password in its transaction: the reset links still out are used up,
    /// the change is logged (operators' log only, like logins) and the owner is told.
    private func passwordChanged(_ action: AuditAction, of user: UserRecord, by actor: AccountActor, at date: Date,
                                 in tables: Tables) async throws {
        try await tables.accountTokens.markUnusedUsed(of: user.id, purpose: .resetPassword, at: date)
        try await AuditLog.record(action, by: actor, target: user.email, tenantID: nil, in: tables)
        try await sendSecurityNotice(.passwordChanged, to: user, in: tables)
    }
}
