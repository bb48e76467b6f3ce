import BoutiqueCore
import BoutiqueShop
import Foundation
import Hummingbird

/// "Je choisis la valeur", "Mon panier" and "Commander". Employees only.
struct CartController {
    let cart: Cart
    let orders: Orders
    let catalogue: Catalogue
    let renderer: PageRenderer

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/produits/:slug", use: productPage)
        router.post("/panier/lignes", use: add)
        router.get("/panier", use: cartPage)
        router.post("/panier/lignes/:id", use: update)
        router.post("/panier/lignes/:id/supprimer", use: remove)
        router.post("/commandes", use: place)
    }

    struct AddForm: Decodable {
        var product: String?
        var amount: String?
        var quantity: String?
    }

    @Sendable func productPage(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let user = try AuthGuard.user(context)
        let (product, rate) = try await offer(slug: context.parameters.get("slug") ?? "", user: user)
        return try await productForm(context, product: product, rate: rate, values: ["quantity": "1"], errors: FormErrors())
    }

    @Sendable func add(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try AuthGuard.user(context)
        let form = try await FormBody.decode(AddForm.self, from: request, context: context)
        let actor = user.actor(from: context.remoteAddress)
        let productID = form.product.flatMap(UUID.init(uuidString:))
        do {
            try await cart.add(actor: actor, productID: productID, amount: form.amount, quantity: form.quantity)
        } catch let error as FormErrors {
            guard let productID, let (product, rate) = try await cart.offer(productID: productID, actor: actor) else {
                return try await cartView(context, actor: actor, errors: error, status: .unprocessableContent)
                    .response(from: request, context: context)
            }
            let values = ["amount": form.amount ?? "", "quantity": form.quantity ?? ""]
            return try await productForm(context, product: product, rate: rate, values: values, errors: error, status: .unprocessableContent)
                .response(from: request, context: context)
        }
        return .seeOther(.cart.notice("ajout"))
    }

    @Sendable func cartPage(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let user = try AuthGuard.user(context)
        let notice = request.formQuery.get("ok") == "ajout" ? OrderMessages.added : nil
        return try await cartView(context, actor: user.actor(from: context.remoteAddress), errors: FormErrors(), notice: notice)
    }

    struct QuantityForm: Decodable { var quantity: String? }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        let form = try await FormBody.decode(QuantityForm.self, from: request, context: context)
        do {
            try await cart.setQuantity(actor: actor, lineID: context.parameters.get("id", as: UUID.self), quantity: form.quantity)
        } catch let error as FormErrors {
            return try await cartView(context, actor: actor, errors: error, status: .unprocessableContent).response(from: request, context: context)
        }
        return .seeOther(.cart)
    }

    @Sendable func remove(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        do {
            try await cart.remove(actor: actor, lineID: context.parameters.get("id", as: UUID.self))
        } catch let error as FormErrors {
            return try await cartView(context, actor: actor, errors: error, status: .unprocessableContent).response(from: request, context: context)
        }
        return .seeOther(.cart)
    }

    struct OrderForm: Decodable { var terms: String? }

    @Sendable func place(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        let form = try await FormBody.decode(OrderForm.self, from: request, context: context)
        let order: OrderRecord
        do {
            order = try await orders.place(actor: actor, acceptedTerms: form.terms == "on" || form.terms == "1")
        } catch let error as FormErrors {
            return try await cartView(context, actor: actor, errors: error, status: .unprocessableContent).response(from: request, context: context)
        }
        return .seeOther(.orderPayment(order.id))
    }

    private func offer(slug: String, user: UserRecord) async throws -> (ProductRecord, DiscountRate) {
        guard let tenant = user.tenant, let offer = try await catalogue.offers(for: tenant).first(where: { $0.slug == slug }),
              let found = try await cart.offer(productID: offer.productID, actor: user.actor()) else {
            throw HTTPError(.notFound)
        }
        return found
    }

    private func productForm(_ context: AppRequestContext, product: ProductRecord, rate: DiscountRate, values: [String: String],
                             errors: FormErrors, status: HTTPResponse.Status = .ok) async throws -> HTML {
        var limits: PurchaseLimits?
        if let user = context.user { limits = try await orders.limits(actor: user.actor(from: context.remoteAddress)) }
        let view = ProductView(product: product, rate: rate, today: FrenchCalendar.today(Date()), selected: values["amount"], limits: limits)
        let page = FormPage(context: context, values: values, errors: errors, page: view)
        return HTML(body: renderer.render("product", title: product.name, context: context, content: page), status: status)
    }

    private func cartView(_ context: AppRequestContext, actor: AccountActor, errors: FormErrors, notice: String? = nil,
                          status: HTTPResponse.Status = .ok) async throws -> HTML {
        let summary = try await cart.summary(actor: actor)
        let page = FormPage(context: context, errors: errors, notice: notice, page: CartPageView(summary, limits: try await orders.limits(actor: actor)))
        return HTML(body: renderer.render("cart", title: "Mon panier", context: context, content: page), status: status)
    }
}
