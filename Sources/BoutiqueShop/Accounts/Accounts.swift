import BoutiqueCore
import BoutiqueMail
import BoutiqueStore
import FluentKit
import Foundation
import HummingbirdBcrypt
import Logging
import NIOPosix
import SQLKit

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
    public static let accountFailureLimit = 5
    public static let addressFailureLimit = 20
    public static let failureWindow: Duration = .seconds(60)

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
        try await Tenant.query(on: database.db)
            .filter(\.$openForRegistration == true).filter(\.$isEnabled == true).sort(\.$name).all().map(TenantRecord.init)
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
    func makeToken(for userID: UUID, purpose: AccountToken.Purpose, lifetime: TimeInterval, newEmail: String? = nil,
                   on db: any Database) async throws -> String {
        let secret = SecureToken.generate()
        try await AccountToken(userID: userID, purpose: purpose, tokenHash: SecureToken.hash(secret), newEmail: newEmail,
                               expiresAt: now().addingTimeInterval(lifetime)).create(on: db)
        return secret
    }

    /// Uses up a valid token of `purpose`: nil when unknown, used or expired.
    func consumeToken(_ secret: String, purpose: AccountToken.Purpose, on db: any Database) async throws -> AccountToken? {
        guard !secret.isEmpty, secret.count <= 100 else { return nil }
        guard let token = try await AccountToken.query(on: db)
            .filter(\.$tokenHash == SecureToken.hash(secret)).filter(\.$purpose == purpose).first(),
            token.usedAt == nil, token.expiresAt > now() else { return nil }
        token.usedAt = now()
        try await token.save(on: db)
        return token
    }

    /// Queues an e-mail from `template` on the transaction `db`.
    func send<Data>(_ template: String, to user: User, address: String? = nil, subject: String, data: Data,
                    on db: any Database) async throws {
        let message = try composer.compose(template, to: MailAddress(address ?? user.email, name: "\(user.firstName) \(user.lastName)"),
                                           subject: subject, data: data)
        let sql = try db.requireSQL()
        try await Outbox.enqueue(message, on: sql)
    }

    func link(_ path: String, token: String) -> String {
        "\(publicURL)\(path)?jeton=\(token)"
    }
}
