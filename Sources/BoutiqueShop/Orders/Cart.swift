import BoutiqueCore
import BoutiqueStore
import FluentKit
import Foundation
import SQLKit

/// "Mon panier": lines kept in the database per user; every change is checked against the
/// employee's own CSE catalogue, so a tampered product id or amount changes nothing.
public struct Cart: Sendable {
    let database: BoutiqueDatabase
    let now: @Sendable () -> Date

    public init(database: BoutiqueDatabase, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.now = now
    }

    /// An offer of the actor's CSE: enabled product, enabled CSE, the CSE's rate.
    public func offer(productID: UUID, actor: AccountActor) async throws -> (ProductRecord, DiscountRate)? {
        guard let (product, rate) = try await offerModel(productID: productID, actor: actor) else { return nil }
        return (try ProductRecord(product), rate)
    }

    func offerModel(productID: UUID, actor: AccountActor) async throws -> (Product, DiscountRate)? {
        guard actor.role == .employee, let tenantID = actor.tenantID,
              let tenant = try await Tenant.find(tenantID, on: database.db), tenant.isEnabled,
              let row = try await TenantProduct.query(on: database.db)
                .filter(\.$tenant.$id == tenantID).filter(\.$product.$id == productID).filter(\.$isEnabled == true)
                .with(\.$product).first(),
              row.product.isEnabled,
              let rate = try? DiscountRate(basisPoints: row.discountBasisPoints ?? row.product.defaultDiscountBasisPoints)
        else { return nil }
        return (row.product, rate)
    }

    /// Adds `quantity` cards of `amount` (text as typed: whole euros) of a product; the same
    /// product and amount already in the cart is merged into its line.
    public func add(actor: AccountActor, productID: UUID?, amount amountText: String?, quantity quantityText: String?) async throws {
        guard let productID, let (product, _) = try await offerModel(productID: productID, actor: actor), let tenantID = actor.tenantID else {
            throw FormErrors("product", OrderMessages.productUnavailable)
        }
        var errors = FormErrors()
        let amount = AmountRules.parse(amountText, product: product, errors: &errors)
        let quantity = AmountRules.quantity(quantityText, max: product.maxQuantity, errors: &errors)
        guard errors.isEmpty, let amount, let quantity else { throw errors }
        try await database.db.transaction { db in
            let lines = try await CartLine.query(on: db).filter(\.$user.$id == actor.id).all()
            if let same = lines.first(where: { $0.$product.id == productID && $0.faceValueCents == amount.cents }) {
                guard same.quantity + quantity <= product.maxQuantity else {
                    throw FormErrors("quantity", OrderMessages.quantityRange(product.maxQuantity))
                }
                same.quantity += quantity
                try await same.save(on: db)
                return
            }
            let limit = try await Tenant.find(tenantID, on: db)?.settings.maxCartLines ?? 20
            guard lines.count < limit else { throw FormErrors("product", OrderMessages.tooManyLines(limit)) }
            try await CartLine(userID: actor.id, tenantID: tenantID, productID: productID,
                               faceValueCents: amount.cents, quantity: quantity).create(on: db)
        }
    }

    /// Changes a line's quantity; 0 removes it.
    public func setQuantity(actor: AccountActor, lineID: UUID?, quantity text: String?) async throws {
        guard let lineID, let line = try await ownLine(lineID, actor: actor) else { throw FormErrors("form", OrderMessages.lineNotFound) }
        guard let product = try await Product.find(line.$product.id, on: database.db) else {
            throw FormErrors("form", OrderMessages.lineNotFound)
        }
        var errors = FormErrors()
        if FieldRules.clean(text) == "0" {
            try await line.delete(on: database.db)
            return
        }
        guard let quantity = AmountRules.quantity(text, max: product.maxQuantity, errors: &errors) else { throw errors }
        line.quantity = quantity
        try await line.save(on: database.db)
    }

    public func remove(actor: AccountActor, lineID: UUID?) async throws {
        guard let lineID, let line = try await ownLine(lineID, actor: actor) else { throw FormErrors("form", OrderMessages.lineNotFound) }
        try await line.delete(on: database.db)
    }

    private func ownLine(_ id: UUID, actor: AccountActor) async throws -> CartLine? {
        try await CartLine.query(on: database.db).filter(\.$id == id).filter(\.$user.$id == actor.id).first()
    }

    /// The cart priced at the CSE's current rates. Lines whose product left the catalogue are dropped.
    public func summary(actor: AccountActor) async throws -> CartSummary {
        try await Self.summary(actor: actor, on: database.db, today: FrenchCalendar.today(now()))
    }

    /// One statement for the lines, their products and the CSE's offers: the cart page and every
    /// order placement read it, and through Fluent it was three queries whose building (SQLKit
    /// quoting every column name) cost more than SQLite answering them.
    static func summary(actor: AccountActor, on db: any Database, today: CalendarDate) async throws -> CartSummary {
        let empty = CartSummary(lines: [], faceTotal: .zero, total: .zero, savings: .zero)
        guard let tenantID = actor.tenantID else { return empty }
        let sql = try db.requireSQL()
        // Only lines of the actor's current CSE whose product is enabled and offered there.
        let rows = try await sql.raw("""
            SELECT l.id, l.face_value_cents, l.quantity, p.name, p.max_quantity, p.validity_months,
                   COALESCE(o.discount_bp, p.default_discount_bp) AS rate_bp
            FROM cart_lines l
            JOIN products p ON p.id = l.product_id AND p.is_enabled = \(bind: true)
            JOIN tenant_products o ON o.product_id = l.product_id AND o.tenant_id = l.tenant_id AND o.is_enabled = \(bind: true)
            WHERE l.user_id = \(bind: actor.id) AND l.tenant_id = \(bind: tenantID)
            ORDER BY l.created_at, l.id
            """).all()
        var lines: [CartSummary.Line] = []
        var prices: [PricedLine] = []
        for row in rows {
            guard let rate = try? DiscountRate(basisPoints: try row.decode(column: "rate_bp", as: Int.self)),
                  let price = try? Pricing.price(faceValue: Money(cents: try row.decode(column: "face_value_cents", as: Int.self)),
                                                 quantity: try row.decode(column: "quantity", as: Int.self), rate: rate)
            else { continue }
            let validity = (try? CardValidity(months: try row.decode(column: "validity_months", as: Int.self))) ?? .standard
            prices.append(price)
            lines.append(CartSummary.Line(id: try row.decode(column: "id", as: UUID.self), productName: try row.decode(column: "name", as: String.self),
                                          faceValue: price.faceValue, quantity: price.quantity,
                                          maxQuantity: try row.decode(column: "max_quantity", as: Int.self), rate: price.rate,
                                          price: price.price, validUntil: validity.lastDay(purchasedOn: today)))
        }
        guard !lines.isEmpty else { return empty }
        let order = try Pricing.total(of: prices)
        return CartSummary(lines: lines, faceTotal: order.faceTotal, total: order.total, savings: order.savings)
    }
}
