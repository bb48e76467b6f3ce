import BoutiqueCore
import BoutiqueStore

/// The e-mails that tell an account's owner its security settings changed, so that a change they
/// did not make (a stolen session, a hijacked mailbox) does not go unnoticed. Each is queued in
/// the transaction of the change: sent if and only if the change committed.
enum SecurityNotice: Sendable {
    case passwordChanged
    /// To the new address and to the old one: the old owner is the one to warn when it was not them.
    case emailChanged(old: String, new: String)
    case secondFactorEnabled
    case secondFactorDisabled
    /// The operator turned it off (a lost phone): the owner sets it up again at the next login.
    case secondFactorReset
    /// A recovery code opened a session; how many are left.
    case recoveryCodeUsed(remaining: Int)
    case recoveryCodesRenewed

    var template: String {
        switch self {
        case .passwordChanged: "password-changed"
        case .emailChanged: "email-changed"
        case .secondFactorEnabled: "second-factor-enabled"
        case .secondFactorDisabled: "second-factor-disabled"
        case .secondFactorReset: "second-factor-reset"
        case .recoveryCodeUsed: "recovery-code-used"
        case .recoveryCodesRenewed: "recovery-codes-renewed"
        }
    }

    var subject: String {
        switch self {
        case .passwordChanged: "Votre mot de passe a été modifié"
        case .emailChanged: "L'adresse e-mail de votre compte a été modifiée"
        case .secondFactorEnabled: "Double authentification activée"
        case .secondFactorDisabled: "Double authentification désactivée"
        case .secondFactorReset: "Double authentification réinitialisée par l'opérateur"
        case .recoveryCodeUsed: "Un code de secours a été utilisé"
        case .recoveryCodesRenewed: "Nouveaux codes de secours"
        }
    }
}

extension Accounts {
    /// Queues `notice` to `user` (both addresses for an e-mail change) through `tables`.
    func sendSecurityNotice(_ notice: SecurityNotice, to user: UserRecord, in tables: Tables) async throws {
        let data = ["forgot": "\(publicURL)/mot-de-passe/oubli", "security": "\(publicURL)/compte/securite"]
        switch notice {
        case .emailChanged(let old, let new):
            let details = data.merging(["old": old, "new": new]) { $1 }
            for address in [new, old] {
                try await send(notice.template, to: user, address: address, subject: notice.subject, data: details, in: tables)
            }
        case .recoveryCodeUsed(let remaining):
            let details = data.merging(["remaining": remaining == 0 ? "aucun" : String(remaining)]) { $1 }
            try await send(notice.template, to: user, subject: notice.subject, data: details, in: tables)
        default:
            try await send(notice.template, to: user, subject: notice.subject, data: data, in: tables)
        }
    }
}
