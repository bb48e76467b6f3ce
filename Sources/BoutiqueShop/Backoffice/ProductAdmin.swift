import BoutiqueCore
import BoutiqueStore
import Foundation

/// The operator's products: what is sold, its amount rules, validity and conditions. Orders keep
/// a snapshot of their lines, so an edit never changes what was already bought.
public struct ProductAdmin: Sendable {
    /// The product form, as typed. Amounts are whole euros.
    public struct Form: Decodable, Sendable {
        public var name: String?
        public var slug: String?
        public var retailer: String?
        public var description: String?
        /// `free` (any whole amount between min and max) or `fixed` (the listed denominations).
        public var amountKind: String?
        public var minAmount: String?
        public var maxAmount: String?
        public var denominations: String?
        public var maxQuantity: String?
        public var validityMonths: String?
        public var usageConditions: String?
        public var excludedCategories: String?
        public var defaultDiscount: String?
        public var isEnabled: String?
    }

    let database: BoutiqueDatabase

    public init(database: BoutiqueDatabase) { self.database = database }

    public func list() async throws -> [ProductRecord] {
        try await database.tables.products.allAcrossTenants()
    }

    public func find(_ id: UUID) async throws -> ProductRecord? {
        try await database.tables.products.find(id)
    }

    public func create(actor: AccountActor, _ form: Form) async throws -> ProductRecord {
        guard actor.role == .operator else { throw FormErrors("form", StaffMessages.operatorsOnly) }
        let details = try await details(form, of: nil)
        return try await database.transaction { tables in
            let product = try await tables.products.create(details)
            try await AuditLog.record(.productCreated, by: actor, target: product.slug, tenantID: nil, details: product.name, in: tables)
            return product
        }
    }

    /// - Returns: the product as saved; nil when it does not exist.
    public func update(actor: AccountActor, _ productID: UUID, with form: Form) async throws -> ProductRecord? {
        guard actor.role == .operator else { throw FormErrors("form", StaffMessages.operatorsOnly) }
        guard try await database.tables.products.find(productID) != nil else { return nil }
        let details = try await details(form, of: productID)
        return try await database.transaction { tables in
            guard let product = try await tables.products.update(productID, with: details) else { return nil }
            try await AuditLog.record(.productChanged, by: actor, target: product.slug, tenantID: nil, details: product.name, in: tables)
            return product
        }
    }

    /// Checks every field of the form for the product `productID` (nil: a new one); any wrong
    /// field throws, and nothing is written.
    private func details(_ form: Form, of productID: UUID?) async throws -> ProductTable.Details {
        var errors = FormErrors()
        let name = FieldRules.clean(form.name), retailer = FieldRules.clean(form.retailer)
        errors.check("name", FieldRules.name(name, field: "Nom", limit: 120))
        errors.check("retailer", FieldRules.name(retailer, field: "Enseigne", limit: 120))
        let description = FieldRules.clean(form.description), conditions = FieldRules.clean(form.usageConditions)
        if description.count > 2_000 { errors.add("description", AccountMessages.tooLong("Description", 2_000)) }
        if conditions.count > 300 { errors.add("usageConditions", AccountMessages.tooLong("Conditions d'utilisation", 300)) }
        let slug = AdminFields.slug(form.slug ?? "")
        if slug == nil { errors.add("slug", BackofficeMessages.slugInvalid) }
        if let slug, let other = try await database.tables.products.find(slug: slug), other.id != productID {
            errors.add("slug", BackofficeMessages.productSlugTaken)
        }
        let amounts = Self.amounts(form, errors: &errors)
        let quantity = AdminFields.integer(FieldRules.clean(form.maxQuantity), in: 1...100)
        if quantity == nil { errors.add("maxQuantity", BackofficeMessages.quantityInvalid) }
        let validity = AdminFields.integer(FieldRules.clean(form.validityMonths), in: 1...60)
        if validity == nil { errors.add("validityMonths", BackofficeMessages.validityInvalid) }
        let categories = Self.categories(form.excludedCategories)
        if categories == nil { errors.add("excludedCategories", BackofficeMessages.categoriesInvalid) }
        let discount = AdminFields.basisPoints(FieldRules.clean(form.defaultDiscount))
        if discount == nil { errors.add("defaultDiscount", BackofficeMessages.discountInvalid) }
        guard errors.isEmpty, let slug, let amounts, let quantity, let validity, let categories, let discount else { throw errors }
        return ProductTable.Details(slug: slug, name: name, retailer: retailer, description: description, minAmountCents: amounts.0,
                                    maxAmountCents: amounts.1, denominationsCents: amounts.2, maxQuantity: quantity,
                                    validityMonths: validity, usageConditions: conditions, excludedCategories: categories,
                                    defaultDiscountBasisPoints: discount, isEnabled: form.isEnabled == "on")
    }

    /// Free amounts need min ≤ max; fixed ones a list, whose extremes become min and max.
    static func amounts(_ form: Form, errors: inout FormErrors) -> (Int, Int, [Int])? {
        if form.amountKind == "fixed" {
            let words = FieldRules.clean(form.denominations).split { $0 == "," || $0 == " " || $0 == ";" }
            let values = words.compactMap { AdminFields.integer(String($0).replacingOccurrences(of: "€", with: ""), in: 1...10_000) }
            guard !words.isEmpty, values.count == words.count, let low = values.min(), let high = values.max() else {
                errors.add("denominations", BackofficeMessages.denominationsInvalid)
                return nil
            }
            let cents = Array(Set(values)).sorted().map { $0 * 100 }
            return (low * 100, high * 100, cents)
        }
        let low = AdminFields.integer(FieldRules.clean(form.minAmount), in: 1...10_000)
        let high = AdminFields.integer(FieldRules.clean(form.maxAmount), in: 1...10_000)
        if low == nil { errors.add("minAmount", BackofficeMessages.amountInvalid) }
        if high == nil { errors.add("maxAmount", BackofficeMessages.amountInvalid) }
        guard let low, let high else { return nil }
        guard low <= high else {
            errors.add("maxAmount", BackofficeMessages.amountOrder)
            return nil
        }
        return (low * 100, high * 100, [])
    }

    /// `fuel, alcool` → `["fuel", "alcool"]`: the tills send these words, so they stay plain.
    static func categories(_ text: String?) -> [String]? {
        let words = FieldRules.clean(text).lowercased().split { $0 == "," || $0 == " " || $0 == ";" }.map(String.init)
        guard words.count <= 20, words.allSatisfy({ word in
            word.count <= 40 && word.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
        }) else { return nil }
        var unique: [String] = []
        for word in words where !unique.contains(word) { unique.append(word) }
        return unique
    }
}
