import BoutiqueCore
import BoutiqueMail
import BoutiqueStore
import Foundation

/// Staff accounts outside the demo: the platform's operators (from the command line) and the CSE
/// managers (from the command line or the operator's console).
///
/// A staff account is created active and verified, with a password nobody knows; its owner
/// chooses one through a single-use link, the password-reset link with its lifetime, so an
/// expired link is replaced with « Mot de passe oublié ».
public struct StaffAccounts: Sendable {
    let accounts: Accounts

    public init(accounts: Accounts) { self.accounts = accounts }

    /// The fields of a new staff account, as typed.
    public struct Form: Decodable, Sendable {
        public var email: String?
        public var firstName: String?
        public var lastName: String?

        public init(email: String?, firstName: String?, lastName: String?) {
            self.email = email
            self.firstName = firstName
            self.lastName = lastName
        }
    }

    /// A created account and its link to choose a password.
    public struct Invitation: Sendable {
        public let user: UserRecord
        public let link: String
        public let expiresAt: Date
    }

    /// How long the link stays valid, in French, for the e-mail and the command's output.
    public static var linkLifetime: String {
        let hours = Int(Accounts.resetLifetime / 3_600)
        return hours == 1 ? "une heure" : "\(hours) heures"
    }

    /// The CSE with this short name, for `--tenant`.
    public func tenant(slug: String) async throws -> TenantRecord? {
        try await accounts.database.tables.tenants.find(slug: slug.lowercased())
    }

    /// Creates an operator (`tenantID` nil) or a manager of `tenantID`, without sending anything:
    /// the command line prints the link. Nothing is stored when a field is wrong or the address
    /// is taken. The audit log names `actor` (the command line).
    public func create(actor: AccountActor, role: UserRole, tenantID: UUID?, form: Form) async throws -> Invitation {
        guard actor.role == .operator else { throw FormErrors("form", StaffMessages.notAllowed) }
        let staff = try await validated(role: role, tenantID: tenantID, form: form, actor: actor)
        return try await store(staff) { user, _, tables in
            try await AuditLog.record(role == .operator ? .operatorCreated : .managerAdded, by: actor, target: user.email,
                                      tenantID: tenantID, details: user.displayName, in: tables)
        }
    }

    /// The managers of a CSE, active ones first, for the operator's page of that CSE.
    public func managers(actor: AccountActor, tenantID: UUID) async throws -> [UserRecord] {
        guard actor.role == .operator, let scope = actor.scope(for: tenantID) else { return [] }
        let all = try await accounts.database.tables.users.managers(in: scope)
        return all.filter { $0.status != .disabled } + all.filter { $0.status == .disabled }
    }

    /// The operator gives a CSE a new manager, who gets « Votre accès gestionnaire » with the link
    /// (queued in the same transaction as the account).
    public func addManager(actor: AccountActor, tenant: TenantRecord, form: Form) async throws -> Invitation {
        let tenantID = tenant.id
        guard actor.role == .operator else { throw FormErrors("form", StaffMessages.notAllowed) }
        let staff = try await validated(role: .manager, tenantID: tenantID, form: form, actor: actor)
        let tenantName = tenant.name, lifetime = Self.linkLifetime, login = "\(accounts.publicURL)/connexion"
        let forgot = "\(accounts.publicURL)/mot-de-passe/oubli"
        return try await store(staff) { user, link, tables in
            try await AuditLog.record(.managerAdded, by: actor, target: user.email, tenantID: tenantID, details: user.displayName, in: tables)
            try await accounts.send("manager-access", to: user, subject: "Votre accès gestionnaire",
                                    data: ["link": link, "tenant": tenantName, "email": user.email, "lifetime": lifetime,
                                           "login": login, "forgot": forgot], in: tables)
        }
    }

    /// A manager whose access ended, and whether it was open until now.
    public struct Removal: Sendable {
        public let manager: UserRecord
        public let wasActive: Bool
    }

    /// Ends a manager's access to the CSE: the account is disabled, its sessions end and its
    /// unused links stop working. Removing twice changes nothing more.
    /// - Returns: nil when the CSE has no manager with this id (the page answers 404).
    public func removeManager(actor: AccountActor, tenantID: UUID, userID: UUID) async throws -> Removal? {
        guard actor.role == .operator, let scope = actor.scope(for: tenantID) else { return nil }
        let database = accounts.database
        let now = accounts.now()
        let removal: Removal? = try await database.transaction { tables in
            guard let user = try await tables.users.find(userID, role: .manager, in: scope),
                  let disabled = try await tables.users.setStatus(.disabled, of: userID, in: scope) else { return nil }
            let wasActive = user.status != .disabled
            if wasActive {
                try await AuditLog.record(.managerRemoved, by: actor, target: user.email, tenantID: tenantID, details: user.displayName,
                                          in: tables)
            }
            try await tables.accountTokens.markUnusedUsed(of: userID, at: now)
            return Removal(manager: disabled, wasActive: wasActive)
        }
        if removal != nil { try await SessionStore(database: database).destroyAll(userID: userID) }
        return removal
    }

    /// A staff account's checked values, and the CSE it belongs to (none: an operator).
    struct Staff: Sendable {
        let role: UserRole
        let scope: TenantScope?
        let email, firstName, lastName: String
    }

    func validated(role: UserRole, tenantID: UUID?, form: Form, actor: AccountActor) async throws -> Staff {
        var errors = FormErrors()
        if role == .employee || (role == .manager) != (tenantID != nil) { errors.add("form", StaffMessages.roleInvalid) }
        let firstName = FieldRules.clean(form.firstName), lastName = FieldRules.clean(form.lastName)
        errors.check("firstName", FieldRules.name(firstName, field: "Prénom"))
        errors.check("lastName", FieldRules.name(lastName, field: "Nom"))
        let email = FieldRules.email(form.email)
        if email == nil { errors.add("email", AccountMessages.emailInvalid) }
        if let email, try await isTaken(email) { errors.add("email", AccountMessages.emailTaken) }
        guard errors.isEmpty, let email else { throw errors }
        // The operator (checked by the callers) chose the manager's CSE.
        return Staff(role: role, scope: actor.scope(for: tenantID), email: email, firstName: firstName, lastName: lastName)
    }

    private func isTaken(_ email: String) async throws -> Bool {
        try await accounts.database.tables.users.emailTaken(acrossTenants: email)
    }

    /// Saves the account with a password nobody knows and its link; `then` runs in the same
    /// transaction with the account and its link.
    func store(_ staff: Staff,
                       then: @escaping @Sendable (UserRecord, String, Tables) async throws -> Void) async throws -> Invitation {
        do {
            // A hash of a random secret, not an empty field: a login attempt costs the usual bcrypt.
            let passwordHash = try await accounts.hash(SecureToken.generate())
            let now = accounts.now()
            let (user, link): (UserRecord, String) = try await accounts.database.transaction { tables in
                let new = UserTable.NewUser(role: staff.role, status: .active, email: staff.email, passwordHash: passwordHash,
                                            civility: "", firstName: staff.firstName, lastName: staff.lastName,
                                            verifiedAt: now, approvedAt: now)
                let user = if let scope = staff.scope {
                    try await tables.users.create(new, in: scope)
                } else {
                    try await tables.users.createOperator(new)
                }
                let secret = try await accounts.makeToken(for: user.id, purpose: .resetPassword, lifetime: Accounts.resetLifetime,
                                                          in: tables)
                let link = accounts.link("/mot-de-passe/nouveau", token: secret)
                try await then(user, link, tables)
                return (user, link)
            }
            return Invitation(user: user, link: link, expiresAt: now.addingTimeInterval(Accounts.resetLifetime))
        } catch {
            // Two creations racing for one address: the unique index decides. Anything else is a
            // failure of ours, reported as such.
            if try await isTaken(staff.email) { throw FormErrors("email", AccountMessages.emailTaken) }
            throw error
        }
    }
}
