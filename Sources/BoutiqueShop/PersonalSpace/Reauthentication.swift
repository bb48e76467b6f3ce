import BoutiqueCore
import BoutiqueStore
import Foundation

/// « Confirmez votre identité »: the password again, and the authenticator's code when the account
/// has one, before what a stolen session must not do (download everything, close the account).
/// Attempts are throttled per account (5 a quarter of an hour), reserved before bcrypt.
struct Reauthentication: Sendable {
    let accounts: Accounts
    let secondFactor: SecondFactor

    static let attempts = 5
    static let window: Duration = .seconds(900)

    static func key(_ userID: UUID) -> String { "reauth:\(userID.uuidString)" }

    /// The account, when `password` (and `code`) are its own; else the form's errors.
    func check(actor: AccountActor, password: String?, code: String?) async throws -> UserRecord {
        guard try await accounts.throttle.reserve(Self.key(actor.id), limit: Self.attempts, window: Self.window) else {
            throw FormErrors("password", PrivacyMessages.reauthThrottled)
        }
        guard let row = try await accounts.database.tables.users.credentials(of: actor.id, withTenant: true),
              try await accounts.verify(password ?? "", against: row.passwordHash) else {
            throw FormErrors("password", PrivacyMessages.passwordWrong)
        }
        if row.user.hasSecondFactor {
            guard let secret = secondFactor.secret(of: row), try await secondFactor.check(code, secret: secret, userID: actor.id) else {
                throw FormErrors("code", PrivacyMessages.codeWrong)
            }
        }
        try await accounts.throttle.release(Self.key(actor.id))
        return row.user
    }
}
