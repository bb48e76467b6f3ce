import BoutiqueCore
import BoutiqueStore
import Foundation

extension Accounts {
    public enum LoginOutcome: Sendable {
        case success(UserRecord)
        /// The French message to show; the form is shown again.
        case refused(String)
        /// Too many attempts: the form is shown again with the wait.
        case throttled(String, retryAfter: Duration)
    }

    /// Checks the credentials under throttling (`accountBackoff`, `addressBackoff`): each attempt
    /// is reserved before the password is checked, so parallel attempts cannot pass the limit. A
    /// wrong e-mail and a wrong password get the same message, in about the same time.
    public func login(email rawEmail: String?, password: String?, from address: String) async throws -> LoginOutcome {
        let email = FieldRules.email(rawEmail) ?? FieldRules.clean(rawEmail).lowercased()
        let accountKey = Self.loginKey(account: email), addressKey = Self.loginKey(address: address)
        let audit = AuditLog(database: database)
        if let wait = try await reserveLogin(accountKey: accountKey, addressKey: addressKey) {
            try await audit.record(.loginFailed, by: .visitor(from: address), target: email, tenantID: nil, details: "trop d'essais : refusé sans vérification")
            return .throttled(AccountMessages.throttled(wait: wait), retryAfter: wait)
        }
        let row = email.isEmpty ? nil : try await database.tables.users.credentials(byEmailAcrossTenants: email)
        // Without an account, still pay for one bcrypt check, so timing does not tell.
        let matches = try await verify(password ?? "", against: row?.passwordHash ?? Self.decoyHash)
        guard let user = row?.user, matches else {
            try await audit.record(.loginFailed, by: .visitor(from: address), target: email, tenantID: nil,
                                   details: row == nil ? "adresse inconnue" : "mot de passe erroné")
            return .refused(AccountMessages.invalidCredentials)
        }
        try await throttle.reset(accountKey)
        try await throttle.release(addressKey, backoff: Self.addressBackoff)
        // A hash of the former format (bcrypt of the password itself, cut at 72 bytes) is replaced
        // by the current one now that the password is known.
        if let stored = row?.passwordHash, !stored.hasPrefix(PasswordHasher.prehashedPrefix) {
            try await database.tables.users.setPasswordHash(try await hash(password ?? ""), of: user.id)
        }
        // Logins go to the operators' log only: a CSE's managers do not follow their employees.
        try await audit.record(user.status == .active ? .login : .loginFailed, by: user.actor(from: address),
                               target: user.email, tenantID: nil,
                               details: user.status != .active ? "compte \(user.status.rawValue)"
                                   : user.hasSecondFactor ? "mot de passe correct, code à 6 chiffres demandé" : "")
        switch user.status {
        case .active: return .success(user)
        case .unverified: return .refused(AccountMessages.unverified)
        case .pending: return .refused(AccountMessages.pending)
        case .rejected:
            let reason = user.rejectionReason.map { " Motif : \($0)" } ?? ""
            return .refused(AccountMessages.rejected + reason)
        case .disabled, .closed: return .refused(AccountMessages.disabled)
        }
    }

    /// Reserves the attempt for the address, then for the account; nil when it may go ahead, else
    /// the wait (an attempt refused for the account gives its address's place back: the account's
    /// owner is not also slowed down as an address).
    func reserveLogin(accountKey: String, addressKey: String) async throws -> Duration? {
        if let wait = try await throttle.reserve(addressKey, backoff: Self.addressBackoff) { return wait }
        guard let wait = try await throttle.reserve(accountKey, backoff: Self.accountBackoff) else { return nil }
        try await throttle.release(addressKey, backoff: Self.addressBackoff)
        return wait
    }

    /// A bcrypt hash of a random string, to compare against when the e-mail is unknown.
    static let decoyHash = "$2b$12$C6UzMDM.H6dfI/f/IKcEeO6wUq8hTbRSI3Ub0c4.1Zc9VjAMw0Fse"
}
