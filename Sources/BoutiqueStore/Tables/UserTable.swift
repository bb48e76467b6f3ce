import BoutiqueCore
import FluentKit
import Foundation

/// `users`: everyone who logs in. An employee's or a manager's row belongs to their CSE, so what a
/// manager (or the operator on a chosen CSE) reads or changes of them takes a `TenantScope`. A
/// user's own row is read and changed by its id (the logged-in user, or the owner of a link's
/// token). Login and the uniqueness of an address look across every CSE and say so.
public struct UserTable: Sendable {
    let db: any Database

    /// A user with what only the account use cases see: the bcrypt hash and the TOTP secret.
    public struct Credentials: Sendable {
        public let user: UserRecord
        public let passwordHash: String
        /// Pending until `user.hasSecondFactor`.
        public let totpSecret: String?
    }

    /// A user to create (`passwordHash` is bcrypt's already).
    public struct NewUser: Sendable {
        public let role: UserRole
        public let status: UserStatus
        public let email: String
        public let passwordHash: String
        public let civility: String
        public let firstName: String
        public let lastName: String
        public let phone: String
        public let identificationKeyID: UUID?
        public let verifiedAt: Date?
        public let approvedAt: Date?

        public init(role: UserRole, status: UserStatus, email: String, passwordHash: String, civility: String,
                    firstName: String, lastName: String, phone: String = "", identificationKeyID: UUID? = nil,
                    verifiedAt: Date? = nil, approvedAt: Date? = nil) {
            self.role = role
            self.status = status
            self.email = email
            self.passwordHash = passwordHash
            self.civility = civility
            self.firstName = firstName
            self.lastName = lastName
            self.phone = phone
            self.identificationKeyID = identificationKeyID
            self.verifiedAt = verifiedAt
            self.approvedAt = approvedAt
        }
    }

    // MARK: Across every CSE

    /// Login: the account with this address, with its CSE, whatever the CSE (addresses are unique
    /// across the platform).
    public func credentials(byEmailAcrossTenants email: String) async throws -> Credentials? {
        try await User.query(on: db).filter(\.$email == email).with(\.$tenant).first().map(Self.credentials)
    }

    /// The account with this address, whatever its CSE (a reset link is asked for by address).
    public func byEmail(acrossTenants email: String) async throws -> UserRecord? {
        try await User.query(on: db).filter(\.$email == email).first().map { try UserRecord($0) }
    }

    /// Whether an account, in any CSE, has this address (they are unique across the platform).
    public func emailTaken(acrossTenants email: String) async throws -> Bool {
        try await User.query(on: db).filter(\.$email == email).count() > 0
    }

    /// The user with this id, whatever their CSE: the operator's pick, or a link token's owner.
    public func find(acrossTenants id: UUID) async throws -> UserRecord? {
        try await User.find(id, on: db).map { try UserRecord($0) }
    }

    /// The accounts of every CSE waiting for a decision, with their CSE, oldest first (the operator's).
    public func pendingAcrossTenants() async throws -> [UserRecord] {
        try await User.query(on: db).filter(\.$status == .pending).sort(\.$createdAt).with(\.$tenant).all().map { try UserRecord($0) }
    }

    /// Creates an operator: a user of no CSE.
    public func createOperator(_ new: NewUser) async throws -> UserRecord {
        try await create(new, tenantID: nil)
    }

    // MARK: One's own row (by the user's id)

    /// The user's own row with their credentials; `withTenant` reads their CSE too.
    public func credentials(of id: UUID, withTenant: Bool = false) async throws -> Credentials? {
        guard withTenant else { return try await User.find(id, on: db).map(Self.credentials) }
        return try await User.query(on: db).filter(\.$id == id).with(\.$tenant).first().map(Self.credentials)
    }

    /// Sets the user's bcrypt hash; false when there is no such user.
    @discardableResult
    public func setPasswordHash(_ hash: String, of id: UUID) async throws -> Bool {
        try await change(id) { $0.passwordHash = hash }
    }

    /// Sets the user's civility, names and phone; false when there is no such user.
    @discardableResult
    public func setProfile(civility: String, firstName: String, lastName: String, phone: String, of id: UUID) async throws -> Bool {
        try await change(id) {
            $0.civility = civility
            $0.firstName = firstName
            $0.lastName = lastName
            $0.phone = phone
        }
    }

    /// Records a new address waiting for its link; false when there is no such user.
    @discardableResult
    public func setPendingEmail(_ email: String, of id: UUID) async throws -> Bool {
        try await change(id) { $0.pendingEmail = email }
    }

    /// The address change's link was followed: the new address replaces the old one.
    @discardableResult
    public func changeEmail(to email: String, of id: UUID) async throws -> Bool {
        try await change(id) {
            $0.email = email
            $0.pendingEmail = nil
        }
    }

    /// The verification link was followed: the address is verified and the account `status`
    /// (active, with `approvedAt`, or pending).
    @discardableResult
    public func setVerified(at date: Date, status: UserStatus, approvedAt: Date?, of id: UUID) async throws -> Bool {
        try await change(id) {
            $0.verifiedAt = date
            $0.status = status
            if let approvedAt { $0.approvedAt = approvedAt }
        }
    }

    /// Keeps a new second factor's secret, not asked at login until enabled.
    @discardableResult
    public func setPendingSecondFactor(secret: String, of id: UUID) async throws -> Bool {
        try await change(id) { $0.totpSecret = secret }
    }

    /// The first code was right: logins now ask for the code.
    @discardableResult
    public func enableSecondFactor(at date: Date, of id: UUID) async throws -> Bool {
        try await change(id) { $0.totpEnabledAt = date }
    }

    /// Turns the second factor off and forgets its secret and its accepted steps.
    @discardableResult
    public func removeSecondFactor(of id: UUID) async throws -> Bool {
        let removed = try await change(id) {
            $0.totpSecret = nil
            $0.totpEnabledAt = nil
        }
        try await forgetTOTPSteps(of: id)
        return removed
    }

    // MARK: A CSE's users

    /// The scope's user with this id (of `role` when given).
    public func find(_ id: UUID, role: UserRole? = nil, in scope: TenantScope) async throws -> UserRecord? {
        var query = User.query(on: db).filter(\.$id == id).filter(\.$tenant.$id == scope.tenantID)
        if let role { query = query.filter(\.$role == role) }
        return try await query.first().map { try UserRecord($0) }
    }

    /// The scope's accounts waiting for a decision, with their CSE, oldest first.
    public func pending(in scope: TenantScope) async throws -> [UserRecord] {
        try await User.query(on: db).filter(\.$status == .pending).sort(\.$createdAt).filter(\.$tenant.$id == scope.tenantID)
            .with(\.$tenant).all().map { try UserRecord($0) }
    }

    /// The scope's managers, by last then first name.
    public func managers(in scope: TenantScope) async throws -> [UserRecord] {
        try await User.query(on: db).filter(\.$tenant.$id == scope.tenantID).filter(\.$role == .manager)
            .sort(\.$lastName).sort(\.$firstName).all().map { try UserRecord($0) }
    }

    /// The scope's active employees, by last then first name, at most `limit`.
    public func activeEmployees(in scope: TenantScope, limit: Int) async throws -> [UserRecord] {
        try await User.query(on: db).filter(\.$tenant.$id == scope.tenantID).filter(\.$role == .employee)
            .filter(\.$status == .active).sort(\.$lastName).sort(\.$firstName).limit(limit).all().map { try UserRecord($0) }
    }

    /// The scope's employees whose e-mail, last or first name contains `text` (all of them when
    /// empty), by last name, at most `limit`.
    public func employees(in scope: TenantScope, matching text: String, limit: Int) async throws -> [UserRecord] {
        let query = User.query(on: db).filter(\.$tenant.$id == scope.tenantID).filter(\.$role == .employee)
        if !text.isEmpty {
            let pattern = SQLLike.containing(text)
            query.group(.or) { group in
                for column in ["email", "last_name", "first_name"] {
                    group.filter(.sql(embed: "LOWER(users.\(unsafeRaw: column)) LIKE \(bind: pattern) ESCAPE '\\'"))
                }
            }
        }
        return try await query.sort(\.$lastName).limit(limit).all().map { try UserRecord($0) }
    }

    /// Creates a user of the scope's CSE.
    public func create(_ new: NewUser, in scope: TenantScope) async throws -> UserRecord {
        try await create(new, tenantID: scope.tenantID)
    }

    /// A decision on the scope's account: its status, when it was approved, why it was refused.
    @discardableResult
    public func setDecision(_ status: UserStatus, approvedAt: Date?, rejectionReason: String?, of id: UUID,
                            in scope: TenantScope) async throws -> Bool {
        try await change(id, in: scope) {
            $0.status = status
            $0.approvedAt = approvedAt
            $0.rejectionReason = rejectionReason
        } != nil
    }

    /// Sets the status of the scope's user (an employee disabled or enabled, a manager removed):
    /// the user so changed, nil when the scope has no such user.
    @discardableResult
    public func setStatus(_ status: UserStatus, of id: UUID, in scope: TenantScope) async throws -> UserRecord? {
        try await change(id, in: scope) { $0.status = status }
    }

    // MARK: Rows

    private func create(_ new: NewUser, tenantID: UUID?) async throws -> UserRecord {
        let user = User(tenantID: tenantID, role: new.role, status: new.status, email: new.email, passwordHash: new.passwordHash,
                        civility: new.civility, firstName: new.firstName, lastName: new.lastName, phone: new.phone)
        user.identificationKeyID = new.identificationKeyID
        user.verifiedAt = new.verifiedAt
        user.approvedAt = new.approvedAt
        try await user.create(on: db)
        return try UserRecord(user)
    }

    /// Reads the user, applies `edit` and saves (only the changed columns, and `updated_at`).
    private func change(_ id: UUID, _ edit: (User) -> Void) async throws -> Bool {
        guard let user = try await User.find(id, on: db) else { return false }
        edit(user)
        try await user.save(on: db)
        return true
    }

    private func change(_ id: UUID, in scope: TenantScope, _ edit: (User) -> Void) async throws -> UserRecord? {
        guard let user = try await User.query(on: db).filter(\.$id == id).filter(\.$tenant.$id == scope.tenantID).first() else {
            return nil
        }
        edit(user)
        try await user.save(on: db)
        return try UserRecord(user)
    }

    private static func credentials(_ user: User) throws -> Credentials {
        Credentials(user: try UserRecord(user), passwordHash: user.passwordHash, totpSecret: user.totpSecret)
    }
}

extension Tables {
    public var users: UserTable { UserTable(db: db) }
}
