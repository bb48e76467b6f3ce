import BoutiqueCore
import BoutiqueStore
import Foundation

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
        guard actor.role == .employee, let scope = actor.scope else { return nil }
        return try await Self.offer(productID, in: scope, tables: database.tables)
    }

    static func offer(_ productID: UUID, in scope: TenantScope, tables: Tables) async throws -> (ProductRecord, DiscountRate)? {
        guard let tenant = try await tables.tenants.find(scope), tenant.isEnabled,
              let (product, basisPoints) = try await tables.products.offer(productID, in: scope),
              let rate = try? DiscountRate(basisPoints: basisPoints)
        else { return nil }
        return (product, rate)
    }

    /// Adds `quantity` cards of `amount` (text as typed: whole euros) of a product; the same
    /// product and amount already in the cart is merged into its line.
    public func add(actor: AccountActor, productID: UUID?, amount amountText: String?, quantity quantityText: String?) async throws {
        guard let productID, actor.role == .employee, let scope = actor.scope,
              let (product, _) = try await Self.offer(productID, in: scope, tables: database.tables) else {
            throw FormErrors("product", OrderMessages.productUnavailable)
        }
        var errors = FormErrors()
        let amount = AmountRules.parse(amountText, product: product, errors: &errors)
        let quantity = AmountRules.quantity(quantityText, max: product.maxQuantity, errors: &errors)
        guard errors.isEmpty, let amount, let quantity else { throw errors }
        try await database.transaction { tables in
            let lines = try await tables.carts.lines(of: actor.id, in: scope)
            if let same = lines.first(where: { $0.productID == productID && $0.faceValueCents == amount.cents }) {
                guard same.quantity + quantity <= product.maxQuantity else {
                    throw FormErrors("quantity", OrderMessages.quantityRange(product.maxQuantity))
                }
                try await tables.carts.setQuantity(same.quantity + quantity, line: same.id, of: actor.id)
                return
            }
            let limit = try await tables.tenants.find(scope)?.settings.maxCartLines ?? 20
            guard lines.count < limit else { throw FormErrors("product", OrderMessages.tooManyLines(limit)) }
            try await tables.carts.add(userID: actor.id, in: scope, productID: productID, faceValueCents: amount.cents, quantity: quantity)
        }
    }

    /// Changes a line's quantity; 0 removes it.
    public func setQuantity(actor: AccountActor, lineID: UUID?, quantity text: String?) async throws {
        let carts = database.tables.carts
        guard let lineID, let line = try await carts.line(lineID, of: actor.id),
              let product = try await database.tables.products.find(line.productID)
        else { throw FormErrors("form", OrderMessages.lineNotFound) }
        if FieldRules.clean(text) == "0" {
            try await carts.remove(line: lineID, of: actor.id)
            return
        }
        var errors = FormErrors()
        guard let quantity = AmountRules.quantity(text, max: product.maxQuantity, errors: &errors) else { throw errors }
        try await carts.setQuantity(quantity, line: lineID, of: actor.id)
    }

    public func remove(actor: AccountActor, lineID: UUID?) async throws {
        guard let lineID, try await database.tables.carts.remove(line: lineID, of: actor.id) else {
            throw FormErrors("form", OrderMessages.lineNotFound)
        }
    }

    /// The cart priced at the CSE's current rates. Lines whose product left the catalogue are dropped.
    public func summary(actor: AccountActor) async throws -> CartSummary {
        try await Self.summary(actor: actor, tables: database.tables, today: FrenchCalendar.today(now())).summary
    }

    /// The summary, and the products of its lines by line id (what an order freezes).
    static func summary(actor: AccountActor, tables: Tables,
                        today: CalendarDate) async throws -> (summary: CartSummary, products: [UUID: ProductRecord]) {
        let empty = CartSummary(lines: [], faceTotal: .zero, total: .zero, savings: .zero)
        guard let scope = actor.scope else { return (empty, [:]) }
        var lines: [CartSummary.Line] = []
        var prices: [PricedLine] = []
        var products: [UUID: ProductRecord] = [:]
        for row in try await tables.carts.pricedLines(of: actor.id, in: scope) {
            guard let rate = try? DiscountRate(basisPoints: row.rateBasisPoints),
                  let price = try? Pricing.price(faceValue: Money(cents: row.faceValueCents), quantity: row.quantity, rate: rate)
            else { continue }
            let validity = (try? CardValidity(months: row.product.validityMonths)) ?? .standard
            prices.append(price)
            products[row.id] = row.product
            lines.append(CartSummary.Line(id: row.id, productName: row.product.name, faceValue: price.faceValue, quantity: price.quantity,
                                          maxQuantity: row.product.maxQuantity, rate: price.rate, price: price.price,
                                          validUntil: validity.lastDay(purchasedOn: today)))
        }
        guard !lines.isEmpty else { return (empty, [:]) }
        let order = try Pricing.total(of: prices)
        return (CartSummary(lines: lines, faceTotal: order.faceTotal, total: order.total, savings: order.savings), products)
    }
}
