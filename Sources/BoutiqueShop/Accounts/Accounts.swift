import BoutiqueCore
import BoutiqueMail
import BoutiqueStore
import Foundation
import HummingbirdBcrypt
import Logging
import NIOPosix

/// Account use cases: registration, e-mail verification, the CSE's decision, login, password
/// reset, profile. E-mails leave through the outbox in the same transaction as the change.
public struct Accounts: Sendable {
    let database: BoutiqueDatabase
    let hasher: PasswordHasher
    let composer: MailComposer
    let publicURL: String
    let throttle: Throttle
    let now: @Sendable () -> Date

    /// Link lifetimes and login limits.
    public static let verificationLifetime: TimeInterval = 48 * 3_600
    public static let resetLifetime: TimeInterval = 3_600
    /// Login attempts per account: 5 at once, then 30 s, 1 min, 2 min… up to 15 min between two;
    /// forgotten after an hour without one. Delays, not a lock: a stranger typing wrong
    /// passwords slows the owner down but cannot shut them out, and a password reset clears it.
    public static let accountBackoff = Throttle.Backoff(free: 5, firstDelay: .seconds(30), longestDelay: .seconds(900),
                                                        forgetAfter: .seconds(3_600))
    /// Login attempts per address (an office's employees may share one): 20 at once, then the same delays.
    public static let addressBackoff = Throttle.Backoff(free: 20, firstDelay: .seconds(30), longestDelay: .seconds(900),
                                                        forgetAfter: .seconds(3_600))

    static func loginKey(account email: String) -> String { "login:account:\(email)" }
    static func loginKey(address: String) -> String { "login:ip:\(address)" }

    public init(database: BoutiqueDatabase, hasher: PasswordHasher, composer: MailComposer, publicURL: String,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.hasher = hasher
        self.composer = composer
        self.publicURL = publicURL
        self.throttle = Throttle(database: database, now: now)
        self.now = now
    }

    /// The CSEs an employee may pick when registering.
    public func registrationTenants() async throws -> [TenantRecord] {
        try await database.tables.tenants.openForRegistrationAcrossTenants()
    }

    /// bcrypt off the cooperative pool: a hash takes a quarter of a second at cost 12.
    func hash(_ password: String) async throws -> String {
        let hasher = self.hasher
        return try await NIOThreadPool.singleton.runIfActive { hasher.hash(password) }
    }

    func verify(_ password: String, against hash: String) async throws -> Bool {
        let hasher = self.hasher
        return try await NIOThreadPool.singleton.runIfActive { hasher.verify(password, against: hash) }
    }

    /// Creates a single-use link token for `user` and returns the secret for the e-mail.
    func makeToken(for userID: UUID, purpose: AccountTokenTable.Purpose, lifetime: TimeInterval, newEmail: String? = nil,
                   in tables: Tables) async throws -> String {
        let secret = SecureToken.generate()
        try await tables.accountTokens.create(userID: userID, purpose: purpose, tokenHash: SecureToken.hash(secret), newEmail: newEmail,
                                              expiresAt: now().addingTimeInterval(lifetime))
        return secret
    }

    /// Uses up a valid token of `purpose`: nil when unknown, used or expired.
    func consumeToken(_ secret: String, purpose: AccountTokenTable.Purpose, in tables: Tables) async throws -> AccountTokenTable.Token? {
        guard !secret.isEmpty, secret.count <= 100 else { return nil }
        guard let token = try await tables.accountTokens.find(hash: SecureToken.hash(secret), purpose: purpose),
              token.usedAt == nil, token.expiresAt > now() else { return nil }
        guard try await tables.accountTokens.markUsed(token.id, at: now()) else { return nil }
        return token
    }

    /// Queues an e-mail from `template` through `tables` (the caller's transaction).
    func send<Data>(_ template: String, to user: UserRecord, address: String? = nil, subject: String, data: Data,
                    in tables: Tables) async throws {
        let message = try composer.compose(template, to: MailAddress(address ?? user.email, name: "\(user.firstName) \(user.lastName)"),
                                           subject: subject, data: data)
        try await Outbox.enqueue(message, in: tables)
    }

    func link(_ path: String, token: String) -> String {
        "\(publicURL)\(path)?jeton=\(token)"
    }
}
