import BoutiqueCore
import BoutiqueStore
import Foundation

extension Accounts {
    public func updateProfile(actor: AccountActor, form: ProfileForm) async throws {
        var errors = FormErrors()
        let civility = FieldRules.clean(form.civility)
        if !FieldRules.civilities.contains(civility) { errors.add("civility", AccountMessages.civilityRequired) }
        let firstName = FieldRules.clean(form.firstName), lastName = FieldRules.clean(form.lastName)
        let phone = FieldRules.clean(form.phone)
        errors.check("firstName", FieldRules.name(firstName, field: "Prénom"))
        errors.check("lastName", FieldRules.name(lastName, field: "Nom"))
        errors.check("phone", FieldRules.phone(phone))
        guard errors.isEmpty else { throw errors }
        guard try await database.tables.users.setProfile(civility: civility, firstName: firstName, lastName: lastName, phone: phone,
                                                         of: actor.id)
        else { throw FormErrors("form", AccountMessages.linkInvalid) }
    }

    /// Starts an e-mail change: the new address gets a link; the account keeps the old one until
    /// the link is followed. An address that already has an account is answered the same (the
    /// form would otherwise tell, to anyone with an account, who else has one): its owner is told
    /// instead, as registration does, and no link is sent.
    public func requestEmailChange(actor: AccountActor, newEmail raw: String?, password: String?) async throws {
        guard let row = try await database.tables.users.credentials(of: actor.id) else { throw FormErrors("form", AccountMessages.linkInvalid) }
        let user = row.user
        var errors = FormErrors()
        let email = FieldRules.email(raw)
        if email == nil { errors.add("newEmail", AccountMessages.emailInvalid) }
        if try await !verify(password ?? "", against: row.passwordHash) {
            errors.add("emailPassword", AccountMessages.currentPasswordWrong)
        }
        guard errors.isEmpty, let email else { throw errors }
        if let owner = try await database.tables.users.byEmail(acrossTenants: email) {
            try await database.tables.users.setPendingEmail(email, of: user.id)
            if owner.id != user.id { try await tellOwner(owner) }
            return
        }
        try await database.transaction { tables in
            try await tables.users.setPendingEmail(email, of: user.id)
            let secret = try await makeToken(for: user.id, purpose: .changeEmail,
                                             lifetime: Self.verificationLifetime, newEmail: email, in: tables)
            try await send("email-change", to: user, address: email, subject: "Confirmez votre nouvelle adresse e-mail",
                           data: ["link": link("/compte/email/confirmer", token: secret), "email": email], in: tables)
        }
    }

    /// Follows the e-mail change link. Both addresses are told (the old one is where the owner
    /// hears of a change they did not make), reset links sent to the old address stop working,
    /// and the change is logged. - Returns: false when the link is invalid or the address was
    /// taken meanwhile.
    public func confirmEmailChange(token: String, from address: String = "local") async throws -> Bool {
        let changedAt = now()
        return try await database.transaction { tables in
            guard let token = try await consumeToken(token, purpose: .changeEmail, in: tables), let email = token.newEmail,
                  try await !tables.users.emailTaken(acrossTenants: email),
                  // Nil when the account is gone.
                  let user = try await tables.users.find(acrossTenants: token.userID),
                  try await tables.users.changeEmail(to: email, of: user.id) else { return false }
            try await tables.accountTokens.markUnusedUsed(of: user.id, purpose: .resetPassword, at: changedAt)
            try await AuditLog.record(.emailChanged, by: user.actor(from: address), target: email, tenantID: nil,
                                      details: "ancienne adresse : \(user.email)", in: tables)
            try await sendSecurityNotice(.emailChanged(old: user.email, new: email), to: user, in: tables)
            return true
        }
    }
}
