import BoutiqueCore
import BoutiqueStore
import Foundation

extension Accounts {
    public enum LoginOutcome: Sendable {
        case success(UserRecord)
        /// The French message to show; the form is shown again.
        case refused(String)
    }

    /// Checks the credentials under throttling: after 5 failures in a minute for one account (or
    /// 20 from one address) every attempt is refused for the rest of the minute. A wrong e-mail
    /// and a wrong password get the same message, in about the same time.
    public func login(email rawEmail: String?, password: String?, from address: String) async throws -> LoginOutcome {
        let email = FieldRules.email(rawEmail) ?? FieldRules.clean(rawEmail).lowercased()
        let accountKey = "login:account:\(email)", addressKey = "login:ip:\(address)"
        let accountBlocked = try await throttle.isBlocked(accountKey, limit: Self.accountFailureLimit, window: Self.failureWindow)
        let addressBlocked = try await throttle.isBlocked(addressKey, limit: Self.addressFailureLimit, window: Self.failureWindow)
        let audit = AuditLog(database: database)
        if accountBlocked || addressBlocked {
            try await audit.record(.loginFailed, by: .visitor(from: address), target: email, tenantID: nil, details: "trop d'essais : refusé sans vérification")
            return .refused(AccountMessages.throttled)
        }
        let row = email.isEmpty ? nil : try await database.tables.users.credentials(byEmailAcrossTenants: email)
        // Without an account, still pay for one bcrypt check, so timing does not tell.
        let matches = try await verify(password ?? "", against: row?.passwordHash ?? Self.decoyHash)
        guard let user = row?.user, matches else {
            try await throttle.recordFailure(accountKey, window: Self.failureWindow)
            try await throttle.recordFailure(addressKey, window: Self.failureWindow)
            try await audit.record(.loginFailed, by: .visitor(from: address), target: email, tenantID: nil,
                                   details: row == nil ? "adresse inconnue" : "mot de passe erroné")
            return .refused(AccountMessages.invalidCredentials)
        }
        try await throttle.reset(accountKey)
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
        case .disabled: return .refused(AccountMessages.disabled)
        }
    }

    /// A bcrypt hash of a random string, to compare against when the e-mail is unknown.
    static let decoyHash = "$2b$12$C6UzMDM.H6dfI/f/IKcEeO6wUq8hTbRSI3Ub0c4.1Zc9VjAMw0Fse"
}
