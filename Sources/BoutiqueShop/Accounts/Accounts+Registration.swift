import BoutiqueCore
import BoutiqueStore
import FluentKit
import Foundation

extension Accounts {
    /// Validates the form and creates an unverified account with its verification e-mail.
    /// Nothing is stored when any field is wrong.
    public func register(_ form: RegistrationForm) async throws {
        let (user, keyCode, password) = try await validated(form)
        do {
            let passwordHash = try await hash(password)
            try await database.db.transaction { db in
                user.passwordHash = passwordHash
                user.identificationKeyID = try await validKey(keyCode, tenantID: user.$tenant.id, on: db)?.id
                try await user.create(on: db)
                let secret = try await makeToken(for: try user.requireID(), purpose: .verifyEmail,
                                                 lifetime: Self.verificationLifetime, on: db)
                try await send("verify-email", to: user, subject: "Validez la création de votre compte",
                               data: ["link": link("/compte/valider", token: secret)], on: db)
            }
        } catch {
            // Two registrations racing for one address: the unique index decides. Anything else
            // is a failure of ours, reported as such.
            if try await User.query(on: database.db).filter(\.$email == user.email).count() > 0 {
                throw FormErrors("email", AccountMessages.emailTaken)
            }
            throw error
        }
    }

    private func validated(_ form: RegistrationForm) async throws -> (User, String, String) {
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
        let tenant = try await registrationTenant(form.tenant)
        if tenant == nil { errors.add("tenant", AccountMessages.cseRequired) }
        if let email, try await User.query(on: database.db).filter(\.$email == email).count() > 0 {
            errors.add("email", AccountMessages.emailTaken)
        }
        guard errors.isEmpty, let email, let tenantID = tenant?.id else { throw errors }
        let user = User(tenantID: tenantID, role: .employee, status: .unverified, email: email, passwordHash: "",
                        civility: civility, firstName: firstName, lastName: lastName, phone: phone)
        return (user, keyCode, password)
    }

    private func registrationTenant(_ raw: String?) async throws -> Tenant? {
        guard let raw, let id = UUID(uuidString: raw) else { return nil }
        return try await Tenant.query(on: database.db).filter(\.$id == id)
            .filter(\.$openForRegistration == true).filter(\.$isEnabled == true).first()
    }

    /// The CSE's live key with this code; "0" is never a key.
    func validKey(_ code: String, tenantID: UUID?, on db: any Database) async throws -> IdentificationKey? {
        guard let tenantID, code != "0" else { return nil }
        return try await IdentificationKey.query(on: db)
            .filter(\.$tenant.$id == tenantID).filter(\.$code == code.uppercased()).filter(\.$revokedAt == nil).first()
    }

    public enum VerificationOutcome: Sendable, Equatable {
        case pendingApproval, active, invalidLink
    }

    /// Follows the verification link: the e-mail is verified; a live auto-approving key makes the
    /// account active at once (with the "compte validé" e-mail), otherwise it waits for the CSE.
    public func verifyEmail(token: String) async throws -> VerificationOutcome {
        try await database.db.transaction { db in
            guard let token = try await consumeToken(token, purpose: .verifyEmail, on: db),
                  let user = try await User.find(token.$user.id, on: db), user.status == .unverified else {
                return .invalidLink
            }
            user.verifiedAt = now()
            let key = try await user.identificationKeyID.asyncFlatMap { try await IdentificationKey.find($0, on: db) }
            let keyApproves = key.map { $0.autoApprove && !$0.isRevoked && $0.$tenant.id == user.$tenant.id } ?? false
            let listed = try await user.$tenant.id.asyncFlatMap { tenantID in
                try await EmployeeImport.isExpected(email: user.email, tenantID: tenantID, on: db) ? true : nil
            } ?? false
            if keyApproves || listed {
                user.status = .active
                user.approvedAt = now()
                try await user.save(on: db)
                try await send("account-approved", to: user, subject: "Votre compte est validé",
                               data: ["link": "\(publicURL)/connexion"], on: db)
                return .active
            }
            user.status = .pending
            try await user.save(on: db)
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
