import BoutiqueCore
import BoutiqueShop
import Foundation
import Hummingbird

/// `/admin/produits`: the operator lists, creates and edits the e-cards on sale.
struct AdminProductsController {
    let products: ProductAdmin
    let renderer: PageRenderer

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/admin/produits", use: list)
        router.post("/admin/produits", use: create)
        router.get("/admin/produits/:id", use: show)
        router.post("/admin/produits/:id", use: update)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> HTML {
        _ = try AuthGuard.user(context)
        let notice = request.formQuery.get("ok") == "cree" ? "Le produit a été créé." : nil
        return try await listPage(context, values: ProductValues.blank, errors: FormErrors(), notice: notice)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        let form = try await FormBody.decode(ProductAdmin.Form.self, from: request, context: context)
        do {
            _ = try await products.create(actor: actor, form)
            return .seeOther(.adminProducts.notice("cree"))
        } catch let errors as FormErrors {
            return try await listPage(context, values: ProductValues.of(form), errors: errors, status: .unprocessableContent)
                .response(from: request, context: context)
        }
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> HTML {
        _ = try AuthGuard.user(context)
        let product = try await product(context)
        let notice = request.formQuery.get("ok") == "enregistre" ? "Le produit est enregistré." : nil
        return editPage(context, product: product, values: ProductValues.of(product), errors: FormErrors(), notice: notice)
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        let product = try await product(context)
        let form = try await FormBody.decode(ProductAdmin.Form.self, from: request, context: context)
        let saved: ProductRecord
        do {
            guard let updated = try await products.update(actor: actor, product.id, with: form) else { throw HTTPError(.notFound) }
            saved = updated
        } catch let errors as FormErrors {
            return try editPage(context, product: product, values: ProductValues.of(form), errors: errors, status: .unprocessableContent)
                .response(from: request, context: context)
        }
        return .seeOther(.adminProduct(saved.id).notice("enregistre"))
    }

    private func product(_ context: AppRequestContext) async throws -> ProductRecord {
        guard let id = context.parameters.get("id", as: UUID.self), let product = try await products.find(id) else { throw HTTPError(.notFound) }
        return product
    }

    private func listPage(_ context: AppRequestContext, values: [String: String], errors: FormErrors, notice: String? = nil,
                          status: HTTPResponse.Status = .ok) async throws -> HTML {
        let rows = try await products.list().map(ProductRow.init)
        let page = ProductsPage(rows: rows, fixed: values["amountKind"] == "fixed")
        let view = FormPage(context: context, values: values, errors: errors, notice: notice, page: page)
        return HTML(body: renderer.render("admin-products", title: "Produits", context: context, content: view), status: status)
    }

    private func editPage(_ context: AppRequestContext, product: ProductRecord, values: [String: String], errors: FormErrors, notice: String? = nil,
                          status: HTTPResponse.Status = .ok) -> HTML {
        let page = ProductEditPage(id: product.id.uuidString, title: product.name, fixed: values["amountKind"] == "fixed")
        let view = FormPage(context: context, values: values, errors: errors, notice: notice, page: page)
        return HTML(body: renderer.render("admin-product", title: product.name, context: context, content: view), status: status)
    }
}

struct ProductsPage {
    let rows: [ProductRow]
    let fixed: Bool
}

struct ProductEditPage {
    let id, title: String
    let fixed: Bool
}

struct ProductRow {
    let id, name, retailer, amounts, validity, discount, state: String

    init(_ product: ProductRecord) {
        id = product.id.uuidString
        name = product.name
        retailer = product.retailer
        amounts = product.denominationsCents.isEmpty
            ? "de \(Money(cents: product.minAmountCents).french) à \(Money(cents: product.maxAmountCents).french)"
            : product.denominationsCents.sorted().map { Money(cents: $0).french }.joined(separator: ", ")
        validity = "\(product.validityMonths) mois"
        discount = FieldText.percent(product.defaultDiscountBasisPoints) + "\u{00A0}%"
        state = product.isEnabled ? "En vente" : "Retiré"
    }
}

/// The product form's values, from the stored product or as typed.
enum ProductValues {
    static let blank = ["amountKind": "free", "minAmount": "10", "maxAmount": "150", "maxQuantity": "10", "validityMonths": "12",
                        "defaultDiscount": "5", "isEnabled": "on"]

    static func of(_ product: ProductRecord) -> [String: String] {
        var values = [
            "name": product.name, "slug": product.slug, "retailer": product.retailer, "description": product.description,
            "amountKind": product.denominationsCents.isEmpty ? "free" : "fixed",
            "minAmount": String(product.minAmountCents / 100), "maxAmount": String(product.maxAmountCents / 100),
            "denominations": product.denominationsCents.sorted().map { String($0 / 100) }.joined(separator: ", "),
            "maxQuantity": String(product.maxQuantity), "validityMonths": String(product.validityMonths),
            "usageConditions": product.usageConditions, "excludedCategories": product.excludedCategories.joined(separator: ", "),
            "defaultDiscount": FieldText.percent(product.defaultDiscountBasisPoints),
        ]
        if product.isEnabled { values["isEnabled"] = "on" }
        return values
    }

    static func of(_ form: ProductAdmin.Form) -> [String: String] {
        ["name": form.name, "slug": form.slug, "retailer": form.retailer, "description": form.description, "amountKind": form.amountKind,
         "minAmount": form.minAmount, "maxAmount": form.maxAmount, "denominations": form.denominations, "maxQuantity": form.maxQuantity,
         "validityMonths": form.validityMonths, "usageConditions": form.usageConditions,
         "excludedCategories": form.excludedCategories, "defaultDiscount": form.defaultDiscount, "isEnabled": form.isEnabled]
            .compactMapValues { $0 }
    }
}
