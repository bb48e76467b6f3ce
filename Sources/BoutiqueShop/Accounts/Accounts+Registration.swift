import BoutiqueCore
import BoutiqueStore
import Foundation

extension Accounts {
    /// Registrations per client address in an hour: each hashes a password and sends an e-mail.
    public static let registrationsPerAddress = 10

    /// Validates the form and creates an unverified account with its verification e-mail.
    /// Nothing is stored when any field is wrong.
    ///
    /// The answer never tells whether the address has an account (« Un compte existe déjà »
    /// listed the shop's customers and staff for anyone): for an address that has one, nothing
    /// is created or changed, and its owner gets « Vous avez déjà un compte » instead, with the
    /// way to a new password. The password is hashed either way, so the time does not tell.
    public func register(_ form: RegistrationForm, from address: String) async throws -> RequestOutcome {
        let key = "register:ip:\(address)"
        guard try await throttle.reserve(key, limit: Self.registrationsPerAddress, window: Self.requestWindow) else {
            return .throttled(AccountMessages.registrationThrottled)
        }
        let applicant: Applicant
        do {
            applicant = try await validated(form)
        } catch let errors as FormErrors {
            // A refused form stored nothing and mailed no one, and its errors are the same for
            // every address: it gives its place back (typos do not lock an office out).
            try await throttle.release(key)
            throw errors
        }
        let passwordHash = try await hash(applicant.password)
        if let owner = try await database.tables.users.byEmail(acrossTenants: applicant.email) {
            try await tellOwner(owner)
            return .accepted
        }
        do {
            try await database.transaction { tables in
                let keyID = try await validKey(applicant.keyCode, in: applicant.scope, tables: tables)?.id
                let user = try await tables.users.create(
                    UserTable.NewUser(role: .employee, status: .unverified, email: applicant.email, passwordHash: passwordHash,
                                      civility: applicant.civility, firstName: applicant.firstName, lastName: applicant.lastName,
                                      phone: applicant.phone, identificationKeyID: keyID),
                    in: applicant.scope)
                let secret = try await makeToken(for: user.id, purpose: .verifyEmail, lifetime: Self.verificationLifetime, in: tables)
                try await send("verify-email", to: user, subject: "Validez la création de votre compte",
                               data: ["link": link("/compte/valider", token: secret)], in: tables)
            }
        } catch {
            // Two registrations racing for one address: the unique index decides, and the loser
            // is answered as any registration of a taken address. Anything else is a failure of
            // ours, reported as such.
            guard let owner = try await database.tables.users.byEmail(acrossTenants: applicant.email) else { throw error }
            try await tellOwner(owner)
        }
        return .accepted
    }

    /// « Vous avez déjà un compte » to the owner of a registered address, at most 3 an hour per
    /// address (more would only fill their inbox; the visitor's answer does not change).
    func tellOwner(_ owner: UserRecord) async throws {
        guard try await throttle.reserve("register:exists:\(owner.email)", limit: 3, window: Self.requestWindow) else { return }
        try await database.transaction { tables in
            try await send("account-exists", to: owner, subject: "Vous avez déjà un compte",
                           data: ["login": "\(publicURL)/connexion", "forgot": "\(publicURL)/mot-de-passe/oubli"], in: tables)
        }
    }

    /// A registration form's checked values.
    private struct Applicant: Sendable {
        let email, civility, firstName, lastName, phone: String
        /// The CSE chosen on the form.
        let scope: TenantScope
        let keyCode, password: String
    }

    private func validated(_ form: RegistrationForm) async throws -> Applicant {
        var errors = FormErrors()
        let civility = FieldRules.clean(form.civility)
        if !FieldRules.civilities.contains(civility) { errors.add("civility", AccountMessages.civilityRequired) }
        let firstName = FieldRules.clean(form.firstName), lastName = FieldRules.clean(form.lastName)
        errors.check("firstName", FieldRules.name(firstName, field: "Prénom"))
        errors.check("lastName", FieldRules.name(lastName, field: "Nom"))
        let phone = FieldRules.clean(form.phone)
        errors.check("phone", FieldRules.phone(phone))
        let email = FieldRules.email(form.email)
        if email == nil { errors.add("email", AccountMessages.emailInvalid) }
        let password = form.password ?? ""
        for (field, message) in FieldRules.password(password, confirmation: form.passwordConfirmation ?? "", email: email) {
            errors.add(field, message)
        }
        let keyCode = FieldRules.clean(form.identificationKey)
        if keyCode.isEmpty { errors.add("identificationKey", AccountMessages.keyRequired) }
        if keyCode.count > 64 { errors.add("identificationKey", AccountMessages.tooLong("Clé d'identification", 64)) }
        let tenant = try await registrationTenant(form.tenant, slug: form.cse)
        if tenant == nil { errors.add("tenant", AccountMessages.cseRequired) }
        guard errors.isEmpty, let email, let tenantID = tenant?.id else { throw errors }
        // The applicant becomes a member of the CSE they chose.
        return Applicant(email: email, civility: civility, firstName: firstName, lastName: lastName, phone: phone,
                         scope: TenantScope(memberOf: tenantID), keyCode: keyCode, password: password)
    }

    private func registrationTenant(_ raw: String?, slug: String?) async throws -> TenantRecord? {
        if let raw, let id = UUID(uuidString: raw) { return try await database.tables.tenants.openForRegistration(id) }
        return try await registrationTenant(slug: slug)
    }

    /// A CSE open for registration by its short name (case and spaces ignored); nil for any
    /// other, closed or not: the answer is the same.
    public func registrationTenant(slug: String?) async throws -> TenantRecord? {
        let wanted = FieldRules.clean(slug).lowercased()
        guard !wanted.isEmpty else { return nil }
        return try await registrationTenants().first { $0.slug == wanted }
    }

    /// The CSE's live key with this code; "0" is never a key.
    func validKey(_ code: String, in scope: TenantScope, tables: Tables) async throws -> IdentificationKeyRecord? {
        guard code != "0" else { return nil }
        return try await tables.identificationKeys.live(code: code.uppercased(), in: scope)
    }

    public enum VerificationOutcome: Sendable, Equatable {
        case pendingApproval, active, invalidLink
    }

    /// Follows the verification link: the e-mail is verified; a live auto-approving key, in a CSE
    /// whose « Validation des comptes » allows keys, makes the account active at once (with the "compte validé" e-mail), otherwise it waits for the CSE.
    public func verifyEmail(token: String) async throws -> VerificationOutcome {
        try await database.transaction { tables in
            guard let token = try await consumeToken(token, purpose: .verifyEmail, in: tables),
                  let user = try await tables.users.find(acrossTenants: token.userID), user.status == .unverified else {
                return .invalidLink
            }
            let verifiedAt = now()
            // The key and the list of the user's own CSE.
            let scope = user.tenantID.map(TenantScope.init(memberOf:))
            let key = try await scope.asyncFlatMap { scope in
                try await user.identificationKeyID.asyncFlatMap { try await tables.identificationKeys.find($0, in: scope) }
            }
            // A key's « validation automatique » counts only where the CSE chose it (« Validation
            // des comptes »); otherwise its manager validates, key or not.
            let allowsKeys = try await scope.asyncFlatMap { try await tables.tenants.find($0) }?.settings.autoApproveWithKey ?? false
            let keyApproves = allowsKeys && (key.map { $0.autoApprove && !$0.isRevoked } ?? false)
            let listed = try await scope.asyncFlatMap { scope in
                try await tables.expectedEmployees.contains(email: user.email.lowercased(), in: scope) ? true : nil
            } ?? false
            if keyApproves || listed {
                try await tables.users.setVerified(at: verifiedAt, status: .active, approvedAt: now(), of: user.id)
                try await send("account-approved", to: user, subject: "Votre compte est validé",
                               data: ["link": "\(publicURL)/connexion"], in: tables)
                return .active
            }
            try await tables.users.setVerified(at: verifiedAt, status: .pending, approvedAt: nil, of: user.id)
            return .pendingApproval
        }
    }
}

extension Optional {
    func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
