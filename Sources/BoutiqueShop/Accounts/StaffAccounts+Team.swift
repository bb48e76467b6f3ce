import BoutiqueCore
import BoutiqueStore
import Foundation

/// The operator's staff page: every operator and manager, inviting an operator by e-mail,
/// disabling and enabling a staff account.
extension StaffAccounts {
    /// A staff account as the page lists it.
    public struct Member: Sendable {
        public let user: UserRecord
        public let lastLoginAt: Date?
        /// Whether the platform or the CSE requires a second factor for it.
        public let secondFactorRequired: Bool

        public init(user: UserRecord, lastLoginAt: Date?, secondFactorRequired: Bool) {
            self.user = user
            self.lastLoginAt = lastLoginAt
            self.secondFactorRequired = secondFactorRequired
        }
    }

    /// Every operator and manager, operators first; empty for anyone but an operator.
    public func members(actor: AccountActor, policy: SecondFactorPolicy) async throws -> [Member] {
        guard actor.role == .operator else { return [] }
        return try await accounts.database.tables.users.staff().map {
            Member(user: $0.user, lastLoginAt: $0.lastLoginAt, secondFactorRequired: policy.requires($0.user))
        }
    }

    /// The staff account with this id, for the pages of one member; nil for anyone but an operator.
    public func member(actor: AccountActor, id: UUID, policy: SecondFactorPolicy) async throws -> Member? {
        guard actor.role == .operator, let user = try await accounts.database.tables.users.staffMember(id) else { return nil }
        return Member(user: user, lastLoginAt: try await accounts.database.tables.users.lastLogin(of: id),
                      secondFactorRequired: policy.requires(user))
    }

    /// A new operator, who gets « Votre accès opérateur » with the link to choose a password
    /// (queued in the same transaction as the account).
    public func inviteOperator(actor: AccountActor, form: Form, secondFactorRequired: Bool) async throws -> Invitation {
        guard actor.role == .operator else { throw FormErrors("form", StaffMessages.operatorsOnly) }
        let staff = try await validated(role: .operator, tenantID: nil, form: form, actor: actor)
        var data = ["lifetime": Self.linkLifetime, "login": "\(accounts.publicURL)/connexion",
                    "forgot": "\(accounts.publicURL)/mot-de-passe/oubli", "shop": accounts.composer.settings.shopName]
        if secondFactorRequired { data["required"] = StaffMessages.secondFactorAtFirstLogin }
        return try await store(staff) { [data] user, link, tables in
            try await AuditLog.record(.operatorCreated, by: actor, target: user.email, tenantID: nil, details: user.displayName, in: tables)
            try await accounts.send("operator-access", to: user, subject: "Votre accès opérateur",
                                    data: data.merging(["link": link, "email": user.email]) { $1 }, in: tables)
        }
    }

    public enum StatusChange: Sendable, Equatable {
        case changed
        case unchanged
        case notFound
        /// One cannot disable one's own account (nor lock the platform out).
        case yourself
        /// The last active operator stays: nobody could run the platform any more.
        case lastOperator
    }

    /// Disables a staff account (its sessions end and its unused links stop working) or enables
    /// it again; audited.
    public func setDisabled(_ disabled: Bool, actor: AccountActor, id: UUID) async throws -> StatusChange {
        guard actor.role == .operator else { return .notFound }
        guard actor.id != id else { return .yourself }
        let database = accounts.database, now = accounts.now()
        let change: StatusChange = try await database.transaction { tables in
            guard let user = try await tables.users.staffMember(id) else { return .notFound }
            guard (user.status == .disabled) != disabled else { return .unchanged }
            if disabled, user.role == .operator, user.status == .active, try await tables.users.activeOperatorCount() <= 1 {
                return .lastOperator
            }
            try await tables.users.setStaffStatus(disabled ? .disabled : .active, of: id)
            if disabled { try await tables.accountTokens.markUnusedUsed(of: id, at: now) }
            try await AuditLog.record(disabled ? .staffDisabled : .staffEnabled, by: actor, target: user.email, tenantID: user.tenantID,
                                      details: user.displayName, in: tables)
            return .changed
        }
        if change == .changed, disabled { try await SessionStore(database: database).destroyAll(userID: id) }
        return change
    }
}
