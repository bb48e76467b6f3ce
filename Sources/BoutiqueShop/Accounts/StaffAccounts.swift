import BoutiqueCore
import BoutiqueMail
import BoutiqueStore
import FluentKit
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
        try await Tenant.query(on: accounts.database.db).filter(\.$slug == slug.lowercased()).first().map(TenantRecord.init)
    }

    /// Creates an operator (`tenantID` nil) or a manager of `tenantID`, without sending anything:
    /// the command line prints the link. Nothing is stored when a field is wrong or the address
    /// is taken. The audit log names `actor` (the command line).
    public func create(actor: AccountActor, role: UserRole, tenantID: UUID?, form: Form) async throws -> Invitation {
        guard actor.role == .operator else { throw FormErrors("form", StaffMessages.notAllowed) }
        let user = try await validated(role: role, tenantID: tenantID, form: form)
        return try await store(user) { _, db in
            try await AuditLog.record(role == .operator ? .operatorCreated : .managerAdded, by: actor, target: user.email,
                                      tenantID: tenantID, details: user.displayName, on: db)
        }
    }

    /// The managers of a CSE, active ones first, for the operator's page of that CSE.
    public func managers(actor: AccountActor, tenantID: UUID) async throws -> [UserRecord] {
        guard actor.role == .operator else { return [] }
        let all = try await User.query(on: accounts.database.db).filter(\.$tenant.$id == tenantID).filter(\.$role == .manager)
            .sort(\.$lastName).sort(\.$firstName).all()
        return try (all.filter { $0.status != .disabled } + all.filter { $0.status == .disabled }).map { try UserRecord($0) }
    }

    /// The operator gives a CSE a new manager, who gets « Votre accès gestionnaire » with the link
    /// (queued in the same transaction as the account).
    public func addManager(actor: AccountActor, tenant: TenantRecord, form: Form) async throws -> Invitation {
        let tenantID = tenant.id
        guard actor.role == .operator else { throw FormErrors("form", StaffMessages.notAllowed) }
        let user = try await validated(role: .manager, tenantID: tenantID, form: form)
        let tenantName = tenant.name, lifetime = Self.linkLifetime, login = "\(accounts.publicURL)/connexion"
        let forgot = "\(accounts.publicURL)/mot-de-passe/oubli"
        return try await store(user) { link, db in
            try await AuditLog.record(.managerAdded, by: actor, target: user.email, tenantID: tenantID, details: user.displayName, on: db)
            try await accounts.send("manager-access", to: user, subject: "Votre accès gestionnaire",
                                    data: ["link": link, "tenant": tenantName, "email": user.email, "lifetime": lifetime,
                                           "login": login, "forgot": forgot], on: db)
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
        guard actor.role == .operator else { return nil }
        let database = accounts.database
        let now = accounts.now()
        let removal: Removal? = try await database.db.transaction { db in
            guard let user = try await User.query(on: db).filter(\.$id == userID).filter(\.$tenant.$id == tenantID)
                .filter(\.$role == .manager).first() else { return nil }
            let wasActive = user.status != .disabled
            user.status = .disabled
            try await user.save(on: db)
            if wasActive {
                try await AuditLog.record(.managerRemoved, by: actor, target: user.email, tenantID: tenantID, details: user.displayName, on: db)
            }
            try await AccountToken.query(on: db).filter(\.$user.$id == userID).filter(\.$usedAt == nil).set(\.$usedAt, to: now).update()
            return Removal(manager: try UserRecord(user), wasActive: wasActive)
        }
        if removal != nil { try await SessionStore(database: database).destroyAll(userID: userID) }
        return removal
    }

    private func validated(role: UserRole, tenantID: UUID?, form: Form) async throws -> User {
        var errors = FormErrors()
        if role == .employee || (role == .manager) != (tenantID != nil) { errors.add("form", StaffMessages.roleInvalid) }
        let firstName = FieldRules.clean(form.firstName), lastName = FieldRules.clean(form.lastName)
        errors.check("firstName", FieldRules.name(firstName, field: "Prénom"))
        errors.check("lastName", FieldRules.name(lastName, field: "Nom"))
        let email = FieldRules.email(form.email)
        if email == nil { errors.add("email", AccountMessages.emailInvalid) }
        if let email, try await isTaken(email) { errors.add("email", AccountMessages.emailTaken) }
        guard errors.isEmpty, let email else { throw errors }
        return User(tenantID: tenantID, role: role, status: .active, email: email, passwordHash: "", civility: "",
                    firstName: firstName, lastName: lastName)
    }

    private func isTaken(_ email: String) async throws -> Bool {
        try await User.query(on: accounts.database.db).filter(\.$email == email).count() > 0
    }

    /// Saves `user` with a password nobody knows and its link; `then` runs in the same transaction.
    private func store(_ user: User, then: @escaping @Sendable (String, any Database) async throws -> Void) async throws -> Invitation {
        do {
            // A hash of a random secret, not an empty field: a login attempt costs the usual bcrypt.
            let passwordHash = try await accounts.hash(SecureToken.generate())
            let now = accounts.now()
            let link: String = try await accounts.database.db.transaction { db in
                user.passwordHash = passwordHash
                user.verifiedAt = now
                user.approvedAt = now
                try await user.create(on: db)
                let secret = try await accounts.makeToken(for: try user.requireID(), purpose: .resetPassword,
                                                          lifetime: Accounts.resetLifetime, on: db)
                let link = accounts.link("/mot-de-passe/nouveau", token: secret)
                try await then(link, db)
                return link
            }
            return Invitation(user: try UserRecord(user), link: link, expiresAt: now.addingTimeInterval(Accounts.resetLifetime))
        } catch {
            // Two creations racing for one address: the unique index decides. Anything else is a
            // failure of ours, reported as such.
            if try await isTaken(user.email) { throw FormErrors("email", AccountMessages.emailTaken) }
            throw error
        }
    }
}
