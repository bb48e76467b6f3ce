import BoutiqueCore
import BoutiqueStore
import Foundation
import HummingbirdOTP

/// The TOTP second factor (RFC 6238, 6 digits, 30 s) of managers and operators: set up by
/// scanning the QR code or typing the key in an authenticator app and confirming a first code,
/// which gives ten single-use recovery codes; then asked after the password at every login,
/// where a recovery code also opens. Required by `policy` for some accounts.
public struct SecondFactor: Sendable {
    let database: BoutiqueDatabase
    /// For the security e-mails (`send`) and the links in them.
    let accounts: Accounts
    let throttle: Throttle
    let now: @Sendable () -> Date
    public let policy: SecondFactorPolicy
    /// Seals the secrets at rest; nil only where no card key is configured (some tests), where
    /// they are kept as they are.
    let sealer: TOTPSealer?

    public static let challengeLifetime: TimeInterval = 300
    public static let issuer = "Boutique e-Cartes"

    public init(database: BoutiqueDatabase, accounts: Accounts, policy: SecondFactorPolicy = SecondFactorPolicy(operatorsRequired: false),
                secrets: CardSecrets? = nil, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        sealer = secrets.map(TOTPSealer.init)
        self.accounts = accounts
        self.policy = policy
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
        try await database.tables.users.setPendingSecondFactor(secret: try sealer?.seal(secret, userID: actor.id) ?? secret, of: actor.id)
        return Self.setup(secret: secret, email: user.email)
    }

    /// The setup of the actor's pending secret, shown again when the first code was wrong; nil
    /// when none is pending.
    public func pendingSetup(actor: AccountActor) async throws -> Setup? {
        guard let row = try await database.tables.users.credentials(of: actor.id), !row.user.hasSecondFactor,
              let secret = secret(of: row) else { return nil }
        return Self.setup(secret: secret, email: row.user.email)
    }

    /// The account's TOTP secret in clear (pending or enabled), opened from its sealed form.
    func secret(of row: UserTable.Credentials) -> String? {
        guard let stored = row.totpSecret else { return nil }
        guard let sealer else { return stored }
        return sealer.open(stored, userID: row.user.id)
    }

    /// Seals the secrets stored in clear before sealing existed; run at start-up, harmless to
    /// run again. - Returns: how many were sealed.
    @discardableResult
    public func sealStoredSecrets() async throws -> Int {
        guard let sealer else { return 0 }
        let clear = try await database.tables.users.unsealedTOTPSecrets(prefix: TOTPSealer.prefix)
        for (userID, secret) in clear {
            try await database.tables.users.resealTOTPSecret(of: userID, from: secret, to: try sealer.seal(secret, userID: userID))
        }
        return clear.count
    }

    static func setup(secret: String, email: String) -> Setup {
        let url = TOTP(secret: secret).createAuthenticatorURL(label: email, issuer: issuer)
        let key = URLComponents(string: url)?.queryItems?.first { $0.name == "secret" }?.value ?? ""
        return Setup(url: url, key: key)
    }

    /// Confirms the setup with a first code; the owner is told by e-mail, in the same transaction.
    /// - Returns: the ten recovery codes, shown once; nil for a wrong code.
    public func confirmSetup(actor: AccountActor, code: String?) async throws -> [String]? {
        guard let row = try await database.tables.users.credentials(of: actor.id), let secret = secret(of: row),
              !row.user.hasSecondFactor, try await check(code, secret: secret, userID: actor.id) else { return nil }
        let enabledAt = now()
        let codes = RecoveryCodes.generate()
        try await database.transaction { tables in
            try await tables.users.enableSecondFactor(at: enabledAt, of: actor.id)
            try await tables.recoveryCodes.replace(of: actor.id, with: RecoveryCodes.hashes(codes, userID: actor.id), at: enabledAt)
            try await AuditLog.record(.secondFactorEnabled, by: actor, target: row.user.email, tenantID: row.user.tenantID, in: tables)
            try await accounts.sendSecurityNotice(.secondFactorEnabled, to: row.user, in: tables)
        }
        return codes
    }

    /// Ten new recovery codes for a current code; the former ones stop working.
    /// - Returns: the codes, shown once; nil for a wrong code.
    public func renewRecoveryCodes(actor: AccountActor, code: String?) async throws -> [String]? {
        guard let row = try await database.tables.users.credentials(of: actor.id), let secret = secret(of: row),
              row.user.hasSecondFactor, try await check(code, secret: secret, userID: actor.id) else { return nil }
        let codes = RecoveryCodes.generate(), renewedAt = now()
        try await database.transaction { tables in
            try await tables.recoveryCodes.replace(of: actor.id, with: RecoveryCodes.hashes(codes, userID: actor.id), at: renewedAt)
            try await AuditLog.record(.recoveryCodesRenewed, by: actor, target: row.user.email, tenantID: row.user.tenantID, in: tables)
            try await accounts.sendSecurityNotice(.recoveryCodesRenewed, to: row.user, in: tables)
        }
        return codes
    }

    /// How many recovery codes the actor has left.
    public func remainingRecoveryCodes(actor: AccountActor) async throws -> Int {
        try await database.tables.recoveryCodes.remaining(of: actor.id)
    }

    public enum DisableOutcome: Sendable {
        case disabled
        case wrongCode
        /// The platform or the CSE requires it for this account.
        case required
    }

    /// Turns the second factor off, with a current code; the owner is told by e-mail.
    public func disable(actor: AccountActor, code: String?) async throws -> DisableOutcome {
        guard let row = try await database.tables.users.credentials(of: actor.id, withTenant: true), let secret = secret(of: row),
              row.user.hasSecondFactor else { return .wrongCode }
        guard !policy.requires(row.user) else { return .required }
        guard try await check(code, secret: secret, userID: actor.id) else { return .wrongCode }
        try await database.transaction { tables in
            try await tables.users.removeSecondFactor(of: actor.id)
            try await tables.recoveryCodes.removeAll(of: actor.id)
            try await AuditLog.record(.secondFactorDisabled, by: actor, target: row.user.email, tenantID: row.user.tenantID, in: tables)
            try await accounts.sendSecurityNotice(.secondFactorDisabled, to: row.user, in: tables)
        }
        return .disabled
    }

    /// The operator removes a staff account's second factor (a lost phone and no recovery code
    /// left): the secret and the codes are forgotten, the account's sessions end, and its owner
    /// sets it up again at the next login if it is required. The owner is told by e-mail.
    /// - Returns: false when there is no such staff account or it had no second factor.
    public func reset(actor: AccountActor, userID: UUID) async throws -> Bool {
        guard actor.role == .operator, actor.id != userID,
              let user = try await database.tables.users.staffMember(userID), user.hasSecondFactor else { return false }
        try await database.transaction { tables in
            try await tables.users.removeSecondFactor(of: userID)
            try await tables.recoveryCodes.removeAll(of: userID)
            try await AuditLog.record(.secondFactorReset, by: actor, target: user.email, tenantID: user.tenantID, in: tables)
            try await accounts.sendSecurityNotice(.secondFactorReset, to: user, in: tables)
        }
        try await SessionStore(database: database).destroyAll(userID: userID)
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

    /// Checks the code for a challenge: the authenticator's 6 digits or a recovery code. The
    /// challenge is used up only by a correct code; a recovery code is used up with it.
    public func answer(challenge: String, code: String?, from address: String = "") async throws -> Outcome {
        let tables = database.tables
        guard !challenge.isEmpty, challenge.count <= 100,
              let token = try await tables.accountTokens.find(hash: SecureToken.hash(challenge), purpose: .secondFactor),
              token.usedAt == nil, token.expiresAt > now(),
              let row = try await tables.users.credentials(of: token.userID, withTenant: true),
              row.user.status == .active, row.totpSecret != nil, row.user.hasSecondFactor else { return .expired }
        let typed = code ?? ""
        let isTOTP = typed.filter { !$0.isWhitespace }.allSatisfy(\.isNumber)
        if isTOTP {
            // A secret that does not open with this key for this account (copied from another
            // row, or sealed under another key) checks no code; recovery codes still open.
            guard let secret = secret(of: row), try await check(typed, secret: secret, userID: row.user.id) else { return .wrongCode }
        } else {
            guard try await checkRecovery(typed, user: row.user, from: address) else { return .wrongCode }
        }
        guard try await tables.accountTokens.markUsed(token.id, at: now()) else { return .expired }
        return .success(row.user)
    }

    /// A recovery code, under the same throttle as the 6-digit codes; a right one is used up in
    /// one guarded statement (two requests racing with it: one wins), audited and e-mailed with
    /// the number of codes left.
    func checkRecovery(_ typed: String, user: UserRecord, from address: String) async throws -> Bool {
        let key = "totp:\(user.id.uuidString)"
        guard try await throttle.reserve(key, limit: 5, window: .seconds(60)) else { return false }
        guard let normalized = RecoveryCodes.normalized(typed) else { return false }
        let usedAt = now()
        let used: Bool = try await database.transaction { tables in
            guard try await tables.recoveryCodes.use(of: user.id, hash: RecoveryCodes.hash(normalized, userID: user.id), at: usedAt) else {
                return false
            }
            let remaining = try await tables.recoveryCodes.remaining(of: user.id)
            try await AuditLog.record(.recoveryCodeUsed, by: user.actor(from: address), target: user.email, tenantID: user.tenantID,
                                      details: "codes restants : \(remaining)", in: tables)
            try await accounts.sendSecurityNotice(.recoveryCodeUsed(remaining: remaining), to: user, in: tables)
            return true
        }
        if used { try await throttle.release(key) }
        return used
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
