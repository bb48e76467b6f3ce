import BoutiqueCore
import BoutiqueMail
import BoutiqueStore
import Foundation

/// "Contactez-nous": kept in the database and e-mailed to the operator and to the sender's CSE.
public struct Contact: Sendable {
    public struct Form: Codable, Sendable {
        public var email: String?
        public var subject: String?
        public var message: String?
        public var order: String?
    }

    let database: BoutiqueDatabase
    let composer: MailComposer
    let operatorEmail: String
    let throttle: Throttle

    public static let limit = 5
    public static let window: Duration = .seconds(3_600)

    public init(database: BoutiqueDatabase, composer: MailComposer, operatorEmail: String) {
        self.database = database
        self.composer = composer
        self.operatorEmail = operatorEmail
        throttle = Throttle(database: database)
    }

    /// Validates, stores and forwards a message. A logged-in user's own address is used.
    public func send(_ form: Form, user: UserRecord?, from address: String) async throws {
        let key = "contact:\(user?.id.uuidString ?? address)"
        // Reserved first (parallel sends cannot pass the limit), given back when the form is refused.
        guard try await throttle.reserve(key, limit: Self.limit, window: Self.window) else {
            throw FormErrors("form", "Vous avez déjà envoyé plusieurs messages : patientez une heure avant d'en envoyer un autre.")
        }
        var errors = FormErrors()
        let email = user?.email ?? FieldRules.email(form.email)
        if email == nil { errors.add("email", AccountMessages.emailInvalid) }
        let subject = FieldRules.clean(form.subject), message = FieldRules.clean(form.message), order = FieldRules.clean(form.order)
        errors.check("subject", FieldRules.name(subject, field: "Objet", limit: 120))
        if message.isEmpty { errors.add("message", AccountMessages.required("Message")) }
        if message.count > 5_000 { errors.add("message", AccountMessages.tooLong("Message", 5_000)) }
        if order.count > 20 { errors.add("order", AccountMessages.tooLong("N° de commande", 20)) }
        guard errors.isEmpty, let email else {
            try await throttle.release(key)
            throw errors
        }
        try await database.transaction { tables in
            try await deliver(email: email, subject: subject, message: message, order: order.isEmpty ? nil : order, user: user, tables: tables)
        }
    }

    private func deliver(email: String, subject: String, message: String, order: String?, user: UserRecord?, tables: Tables) async throws {
        // The sender's own CSE, if they belong to one.
        let scope = user?.tenantID.map(TenantScope.init(memberOf:))
        let tenant = try await scope.asyncFlatMap { try await tables.tenants.find($0) }
        try await tables.contactMessages.add(userID: user?.id, in: tenant.map { TenantScope(memberOf: $0.id) }, email: email,
                                             subject: subject, message: message, orderReference: order)
        let data = ["from": email, "name": user?.displayName ?? email, "subject": subject, "message": message,
                    "order": order ?? "—", "cse": tenant?.name ?? "—"]
        for recipient in Set([operatorEmail] + (tenant.map { [$0.contactEmail] } ?? [])) {
            var mail = try composer.compose("contact", to: MailAddress(recipient), subject: "Contact : \(subject)", data: data)
            mail.replyTo = MailAddress(email)
            try await Outbox.enqueue(mail, in: tables)
        }
    }
}
