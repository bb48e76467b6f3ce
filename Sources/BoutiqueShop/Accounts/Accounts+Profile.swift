import BoutiqueCore
import BoutiqueStore
import FluentKit
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
        guard let user = try await User.find(actor.id, on: database.db) else { throw FormErrors("form", AccountMessages.linkInvalid) }
        user.civility = civility
        user.firstName = firstName
        user.lastName = lastName
        user.phone = phone
        try await user.save(on: database.db)
    }

    /// Starts an e-mail change: the new address gets a link; the account keeps the old one until
    /// the link is followed.
    public func requestEmailChange(actor: AccountActor, newEmail raw: String?, password: String?) async throws {
        guard let user = try await User.find(actor.id, on: database.db) else { throw FormErrors("form", AccountMessages.linkInvalid) }
        var errors = FormErrors()
        let email = FieldRules.email(raw)
        if email == nil { errors.add("newEmail", AccountMessages.emailInvalid) }
        if try await !verify(password ?? "", against: user.passwordHash) {
            errors.add("emailPassword", AccountMessages.currentPasswordWrong)
        }
        if let email, try await User.query(on: database.db).filter(\.$email == email).count() > 0 {
            errors.add("newEmail", AccountMessages.emailTaken)
        }
        guard errors.isEmpty, let email else { throw errors }
        try await database.db.transaction { db in
            user.pendingEmail = email
            try await user.save(on: db)
            let secret = try await makeToken(for: try user.requireID(), purpose: .changeEmail,
                                             lifetime: Self.verificationLifetime, newEmail: email, on: db)
            try await send("email-change", to: user, address: email, subject: "Confirmez votre nouvelle adresse e-mail",
                           data: ["link": link("/compte/email/confirmer", token: secret), "email": email], on: db)
        }
    }

    /// Follows the e-mail change link. - Returns: false when the link is invalid or the address
    /// was taken meanwhile.
    public func confirmEmailChange(token: String) async throws -> Bool {
        try await database.db.transaction { db in
            guard let token = try await consumeToken(token, purpose: .changeEmail, on: db), let email = token.newEmail,
                  let user = try await User.find(token.$user.id, on: db),
                  try await User.query(on: db).filter(\.$email == email).count() == 0 else { return false }
            user.email = email
            user.pendingEmail = nil
            try await user.save(on: db)
            return true
        }
    }
}
