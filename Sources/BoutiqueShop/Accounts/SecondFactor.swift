import BoutiqueCore
import BoutiqueStore
import Foundation
import HummingbirdOTP

/// The optional TOTP second factor (RFC 6238, 6 digits, 30 s) of managers and operators: set up
/// by scanning or typing the key in an authenticator app and confirming a first code; then asked
/// after the password at every login.
public struct SecondFactor: Sendable {
    let database: BoutiqueDatabase
    /// For the security e-mails (`send`) and the links in them.
    let accounts: Accounts
    let throttle: Throttle
    let now: @Sendable () -> Date

    public static let challengeLifetime: TimeInterval = 300
    public static let issuer = "Boutique e-Cartes"

    public init(database: BoutiqueDatabase, accounts: Accounts, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.accounts = accounts
        throttle = Throttle(database: database, now: now)
        self.now = now
    }

    public struct Setup: Sendable {
        /// `otpauth://totp/…` for the authenticator app.
        public let url: String
        /// The same secret in base32, to type by hand.
        public let key: String
    }

    /// Starts (or restarts) the setup: a new pending secret, not yet required at login.
    public func beginSetup(actor: AccountActor) async throws -> Setup? {
        guard actor.role != .employee, let user = try await database.tables.users.credentials(of: actor.id)?.user,
              !user.hasSecondFactor else { return nil }
        let secret = SecureToken.generate()
        try await database.tables.users.setPendingSecondFactor(secret: secret, of: actor.id)
        return Self.setup(secret: secret, email: user.email)
    }

    /// The setup of the actor's pending secret, shown again when the first code was wrong; nil
    /// when none is pending.
    public func pendingSetup(actor: AccountActor) async throws -> Setup? {
        guard let row = try await database.tables.users.credentials(of: actor.id), !row.user.hasSecondFactor,
              let secret = row.totpSecret else { return nil }
        return Self.setup(secret: secret, email: row.user.email)
    }

    static func setup(secret: String, email: String) -> Setup {
        let url = TOTP(secret: secret).createAuthenticatorURL(label: email, issuer: issuer)
        let key = URLComponents(string: url)?.queryItems?.first { $0.name == "secret" }?.value ?? ""
        return Setup(url: url, key: key)
    }

    /// Confirms the setup with a first code; the owner is told by e-mail, in the same transaction.
    /// - Returns: false for a wrong code.
    public func confirmSetup(actor: AccountActor, code: String?) async throws -> Bool {
        guard let row = try await database.tables.users.credentials(of: actor.id), let secret = row.totpSecret,
              !row.user.hasSecondFactor, try await check(code, secret: secret, userID: actor.id) else { return false }
        let enabledAt = now()
        try await database.transaction { tables in
            try await tables.users.enableSecondFactor(at: enabledAt, of: actor.id)
            try await AuditLog.record(.secondFactorEnabled, by: actor, target: row.user.email, tenantID: row.user.tenantID, in: tables)
            try await accounts.sendSecurityNotice(.secondFactorEnabled, to: row.user, in: tables)
        }
        return true
    }

    /// Turns the second factor off, with a current code; the owner is told by e-mail.
    public func disable(actor: AccountActor, code: String?) async throws -> Bool {
        guard let row = try await database.tables.users.credentials(of: actor.id), let secret = row.totpSecret,
              row.user.hasSecondFactor, try await check(code, secret: secret, userID: actor.id) else { return false }
        try await database.transaction { tables in
            try await tables.users.removeSecondFactor(of: actor.id)
            try await AuditLog.record(.secondFactorDisabled, by: actor, target: row.user.email, tenantID: row.user.tenantID, in: tables)
            try await accounts.sendSecurityNotice(.secondFactorDisabled, to: row.user, in: tables)
        }
        return true
    }

    /// After a correct password: a single-use challenge for the code page.
    public func challenge(for user: UserRecord) async throws -> String {
        let secret = SecureToken.generate()
        try await database.tables.accountTokens.create(userID: user.id, purpose: .secondFactor, tokenHash: SecureToken.hash(secret),
                                                       expiresAt: now().addingTimeInterval(Self.challengeLifetime))
        return secret
    }

    public enum Outcome: Sendable {
        case success(UserRecord)
        case wrongCode
        case expired
    }

    /// Checks the code for a challenge; the challenge is used up only by a correct code.
    public func answer(challenge: String, code: String?) async throws -> Outcome {
        let tables = database.tables
        guard !challenge.isEmpty, challenge.count <= 100,
              let token = try await tables.accountTokens.find(hash: SecureToken.hash(challenge), purpose: .secondFactor),
              token.usedAt == nil, token.expiresAt > now(),
              let row = try await tables.users.credentials(of: token.userID, withTenant: true),
              row.user.status == .active, let secret = row.totpSecret, row.user.hasSecondFactor else { return .expired }
        guard try await check(code, secret: secret, userID: row.user.id) else { return .wrongCode }
        guard try await tables.accountTokens.markUsed(token.id, at: now()) else { return .expired }
        return .success(row.user)
    }

    /// A 6-digit code of the current, previous or next 30-second step (clock drift), throttled
    /// to 5 codes a minute per account, each reserved before it is checked (parallel guesses
    /// cannot pass the limit); a right code gives its place back.
    ///
    /// Each step's code opens once: the step is recorded (`acceptTOTPStep`, one guarded
    /// statement), and a code whose step is not after the last accepted one is refused. Without
    /// it, a code read over a shoulder or caught on the way stayed good for its 90 seconds.
    func check(_ code: String?, secret: String, userID: UUID) async throws -> Bool {
        let key = "totp:\(userID.uuidString)"
        guard try await throttle.reserve(key, limit: 5, window: .seconds(60)) else { return false }
        let digits = (code ?? "").filter { !$0.isWhitespace }
        let totp = TOTP(secret: secret)
        let time = now()
        let step = [-30.0, 0, 30].first { offset in
            digits.count == 6 && String(format: "%06d", totp.compute(date: time.addingTimeInterval(offset))) == digits
        }.map { Int64(((time.timeIntervalSince1970 + $0) / Self.stepLength).rounded(.down)) }
        guard let step, try await database.tables.users.acceptTOTPStep(step, of: userID) else { return false }
        try await throttle.release(key)
        return true
    }

    /// RFC 6238's time step, HummingbirdOTP's default.
    static let stepLength: TimeInterval = 30
}
