import BoutiqueCore
import BoutiqueStore
import FluentKit
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
    public func offer(productID: UUID, actor: AccountActor) async throws -> (Product, DiscountRate)? {
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
    public func add(actor: AccountActor, productID: UUID?, amount amountText: String?, quantity quantityText: String?) async throws(FormErrors) {
        guard let productID, let (product, _) = try? await offer(productID: productID, actor: actor), let tenantID = actor.tenantID else {
            throw FormErrors("product", OrderMessages.productUnavailable)
        }
        var errors = FormErrors()
        let amount = AmountRules.parse(amountText, product: product, errors: &errors)
        let quantity = AmountRules.quantity(quantityText, max: product.maxQuantity, errors: &errors)
        guard errors.isEmpty, let amount, let quantity else { throw errors }
        do {
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
        } catch let error as FormErrors {
            throw error
        } catch {
            throw FormErrors("form", "L'ajout au panier a échoué ; réessayez dans un instant.")
        }
    }

    /// Changes a line's quantity; 0 removes it.
    public func setQuantity(actor: AccountActor, lineID: UUID?, quantity text: String?) async throws(FormErrors) {
        guard let lineID, let line = try? await ownLine(lineID, actor: actor) else { throw FormErrors("form", OrderMessages.lineNotFound) }
        guard let product = try? await Product.find(line.$product.id, on: database.db) else {
            throw FormErrors("form", OrderMessages.lineNotFound)
        }
        var errors = FormErrors()
        if FieldRules.clean(text) == "0" {
            try? await line.delete(on: database.db)
            return
        }
        guard let quantity = AmountRules.quantity(text, max: product.maxQuantity, errors: &errors) else { throw errors }
        line.quantity = quantity
        do { try await line.save(on: database.db) } catch { throw FormErrors("form", OrderMessages.lineNotFound) }
    }

    public func remove(actor: AccountActor, lineID: UUID?) async throws(FormErrors) {
        guard let lineID, let line = try? await ownLine(lineID, actor: actor) else { throw FormErrors("form", OrderMessages.lineNotFound) }
        do { try await line.delete(on: database.db) } catch { throw FormErrors("form", OrderMessages.lineNotFound) }
    }

    private func ownLine(_ id: UUID, actor: AccountActor) async throws -> CartLine? {
        try await CartLine.query(on: database.db).filter(\.$id == id).filter(\.$user.$id == actor.id).first()
    }

    /// The cart priced at the CSE's current rates. Lines whose product left the catalogue are dropped.
    public func summary(actor: AccountActor) async throws -> CartSummary {
        try await Self.summary(actor: actor, on: database.db, today: FrenchCalendar.today(now()))
    }

    static func summary(actor: AccountActor, on db: any Database, today: CalendarDate) async throws -> CartSummary {
        let lines = try await CartLine.query(on: db).filter(\.$user.$id == actor.id).sort(\.$createdAt).with(\.$product).all()
        guard let tenantID = actor.tenantID else { return CartSummary(lines: [], faceTotal: .zero, total: .zero, savings: .zero) }
        let offers = try await TenantProduct.query(on: db).filter(\.$tenant.$id == tenantID).filter(\.$isEnabled == true).all()
        var priced: [(CartLine, PricedLine, Product)] = []
        for line in lines where line.product.isEnabled && line.$tenant.id == tenantID {
            guard let offer = offers.first(where: { $0.$product.id == line.$product.id }),
                  let rate = try? DiscountRate(basisPoints: offer.discountBasisPoints ?? line.product.defaultDiscountBasisPoints),
                  let price = try? Pricing.price(faceValue: Money(cents: line.faceValueCents), quantity: line.quantity, rate: rate)
            else { continue }
            priced.append((line, price, line.product))
        }
        let order = try Pricing.total(of: priced.map(\.1))
        let result = try priced.map { line, price, product in
            CartSummary.Line(id: try line.requireID(), productName: product.name, faceValue: price.faceValue, quantity: price.quantity,
                             maxQuantity: product.maxQuantity, rate: price.rate, price: price.price,
                             validUntil: ((try? CardValidity(months: product.validityMonths)) ?? .standard).lastDay(purchasedOn: today))
        }
        return CartSummary(lines: result, faceTotal: order.faceTotal, total: order.total, savings: order.savings)
    }
}
