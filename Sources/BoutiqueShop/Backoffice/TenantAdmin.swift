import BoutiqueCore
import BoutiqueStore
import Foundation

/// The operator's CSE management: create a CSE, change its settings, choose its products and
/// their discounts. Every check names the field and says what is expected, in French.
public struct TenantAdmin: Sendable {
    /// The creation form.
    public struct NewTenant: Decodable, Sendable {
        public var name: String?
        public var slug: String?
        public var contactEmail: String?
    }

    /// The settings form. Limits are in euros; an empty limit means "no limit".
    public struct SettingsForm: Decodable, Sendable {
        public var name: String?
        public var contactEmail: String?
        public var maxOrder: String?
        public var yearlyCap: String?
        public var maxCartLines: String?
        public var approval: String?
        public var brandColor: String?
        public var openForRegistration: String?
        public var isEnabled: String?
        /// "on": the CSE's managers must log in with a second factor.
        public var managersSecondFactor: String?
        /// The CSE's legal identity for its invoices: all three, or none.
        public var legalName: String?
        /// One line each: street, postcode and city.
        public var legalAddress: String?
        public var siret: String?
    }

    /// One product line of the discounts form.
    public struct ProductChoice: Sendable {
        public let productID: UUID
        public let isEnabled: Bool
        /// As typed: empty takes the product's default rate.
        public let discount: String

        public init(productID: UUID, isEnabled: Bool, discount: String) {
            self.productID = productID
            self.isEnabled = isEnabled
            self.discount = discount
        }
    }

    let database: BoutiqueDatabase

    public init(database: BoutiqueDatabase) { self.database = database }

    public func list() async throws -> [TenantRecord] {
        try await database.tables.tenants.allAcrossTenants()
    }

    /// The CSE of a shop link's short name (`alpha`), enabled or not.
    public func find(slug: String) async throws -> TenantRecord? {
        try await database.tables.tenants.find(slug: slug.lowercased())
    }

    public func find(_ id: UUID) async throws -> TenantRecord? {
        try await database.tables.tenants.find(TenantScope(operatorChoice: id))
    }

    /// A new CSE with the default settings, open for registration, and no product yet.
    public func create(actor: AccountActor, _ form: NewTenant) async throws -> TenantRecord {
        guard actor.role == .operator else { throw FormErrors("form", StaffMessages.operatorsOnly) }
        var errors = FormErrors()
        let name = FieldRules.clean(form.name)
        errors.check("name", FieldRules.name(name, field: "Nom", limit: 120))
        let slug = AdminFields.slug(form.slug ?? "")
        if slug == nil { errors.add("slug", BackofficeMessages.slugInvalid) }
        let email = FieldRules.email(form.contactEmail)
        if email == nil { errors.add("contactEmail", AccountMessages.emailInvalid) }
        if let slug, try await database.tables.tenants.find(slug: slug) != nil {
            errors.add("slug", BackofficeMessages.slugTaken(slug))
        }
        guard errors.isEmpty, let slug, let email else { throw errors }
        return try await database.transaction { tables in
            let tenant = try await tables.tenants.create(slug: slug, name: name, contactEmail: email)
            try await AuditLog.record(.tenantCreated, by: actor, target: slug, tenantID: tenant.id, details: name, in: tables)
            return tenant
        }
    }

    /// Validates the whole form first: a single wrong field changes nothing.
    /// - Returns: the CSE as saved; nil when it does not exist.
    public func update(actor: AccountActor, _ tenantID: UUID, with form: SettingsForm) async throws -> TenantRecord? {
        guard actor.role == .operator else { throw FormErrors("form", StaffMessages.operatorsOnly) }
        var errors = FormErrors()
        let name = FieldRules.clean(form.name)
        errors.check("name", FieldRules.name(name, field: "Nom", limit: 120))
        let email = FieldRules.email(form.contactEmail)
        if email == nil { errors.add("contactEmail", AccountMessages.emailInvalid) }
        let maxOrder = limit(form.maxOrder, field: "maxOrder", errors: &errors)
        let yearlyCap = limit(form.yearlyCap, field: "yearlyCap", errors: &errors)
        let lines = AdminFields.integer(FieldRules.clean(form.maxCartLines), in: 1...100)
        if lines == nil { errors.add("maxCartLines", BackofficeMessages.cartLines) }
        let color = AdminFields.color(FieldRules.clean(form.brandColor))
        if color == nil { errors.add("brandColor", BackofficeMessages.colorInvalid) }
        if !["manager", "key"].contains(form.approval ?? "") { errors.add("approval", BackofficeMessages.approvalInvalid) }
        let identity = legalIdentity(form, errors: &errors)
        guard errors.isEmpty, let email, let lines, let color else { throw errors }
        let settings = TenantSettings(maxOrderCents: maxOrder ?? nil, yearlyCapCents: yearlyCap ?? nil, maxCartLines: lines,
                                      autoApproveWithKey: form.approval == "key", brandColor: color,
                                      managersNeedSecondFactor: form.managersSecondFactor == "on", legalIdentity: identity)
        let scope = TenantScope(operatorChoice: tenantID)
        return try await database.transaction { tables in
            guard let saved = try await tables.tenants.update(scope, name: name, contactEmail: email,
                                                              openForRegistration: form.openForRegistration == "on",
                                                              isEnabled: form.isEnabled == "on", settings: settings)
            else { return nil }
            try await AuditLog.record(.tenantSettingsChanged, by: actor, target: saved.slug, tenantID: tenantID,
                                      details: saved.settingsSummary, in: tables)
            return saved
        }
    }

    /// The buyer a dotation invoice names: nothing typed → nil (the CSE's name alone until then);
    /// otherwise the name, an address of two to four lines and a SIRET whose Luhn key holds.
    private func legalIdentity(_ form: SettingsForm, errors: inout FormErrors) -> TenantLegalIdentity? {
        let name = FieldRules.clean(form.legalName)
        let lines = (form.legalAddress ?? "").split(whereSeparator: \.isNewline)
            .map { FieldRules.clean(String($0)) }.filter { !$0.isEmpty }
        let siretText = FieldRules.clean(form.siret)
        if name.isEmpty && lines.isEmpty && siretText.isEmpty { return nil }
        errors.check("legalName", FieldRules.name(name, field: "Raison sociale", limit: 120))
        if !(2...4).contains(lines.count) || lines.contains(where: { $0.count > 70 }) {
            errors.add("legalAddress", BackofficeMessages.legalAddressInvalid)
        }
        var siret: SIRET?
        do { siret = try SIRET(siretText) } catch { errors.add("siret", error.description) }
        guard let siret else { return nil }
        return TenantLegalIdentity(legalName: name, addressLines: lines, siret: siret)
    }

    /// `""` → no limit (`.some(nil)`); a wrong amount → nil and a message.
    private func limit(_ text: String?, field: String, errors: inout FormErrors) -> Int?? {
        let value = FieldRules.clean(text)
        if value.isEmpty { return .some(nil) }
        guard let cents = AdminFields.cents(value), cents > 0 else {
            errors.add(field, BackofficeMessages.limitInvalid)
            return nil
        }
        return .some(cents)
    }

    /// A product's state for one CSE.
    public struct OfferState: Sendable {
        public let isEnabled: Bool
        /// The CSE's own rate; nil: the product's default.
        public let discountBasisPoints: Int?
    }

    /// The tenant's rows by product, to show every product with its state for this CSE.
    public func offers(tenantID: UUID) async throws -> (products: [ProductRecord], rows: [UUID: OfferState]) {
        let products = try await database.tables.products.allAcrossTenants()
        let rows = try await database.tables.products.offerSettings(in: TenantScope(operatorChoice: tenantID))
        return (products, Dictionary(rows.map { ($0.productID, OfferState(isEnabled: $0.isEnabled, discountBasisPoints: $0.discountBasisPoints)) },
                                     uniquingKeysWith: { first, _ in first }))
    }

    /// Enables or disables each product for the CSE at its rate; all or nothing.
    public func saveOffers(actor: AccountActor, tenantID: UUID, choices: [ProductChoice]) async throws {
        guard actor.role == .operator else { throw FormErrors("form", StaffMessages.operatorsOnly) }
        var errors = FormErrors()
        var rates: [UUID: Int?] = [:]
        for choice in choices {
            let text = FieldRules.clean(choice.discount)
            if text.isEmpty { rates[choice.productID] = .some(nil); continue }
            guard let basisPoints = AdminFields.basisPoints(text) else {
                errors.add("discount-\(choice.productID.uuidString)", BackofficeMessages.discountInvalid)
                continue
            }
            rates[choice.productID] = basisPoints
        }
        guard errors.isEmpty else { throw errors }
        let settings = choices.map {
            ProductTable.OfferSetting(productID: $0.productID, isEnabled: $0.isEnabled, discountBasisPoints: rates[$0.productID] ?? nil)
        }
        let scope = TenantScope(operatorChoice: tenantID)
        try await database.transaction { tables in
            try await tables.products.saveOffers(settings, in: scope)
            let names = Dictionary(try await tables.products.allAcrossTenants().map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
            let summary = choices.filter(\.isEnabled).map { choice in
                "\(names[choice.productID] ?? "?") \(choice.discount.isEmpty ? "défaut" : choice.discount + " %")"
            }.joined(separator: ", ")
            let slug = try await tables.tenants.find(scope)?.slug ?? tenantID.uuidString
            try await AuditLog.record(.tenantOffersChanged, by: actor, target: slug, tenantID: tenantID, details: summary, in: tables)
        }
    }
}
