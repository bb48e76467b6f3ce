import BoutiqueCore
import BoutiqueShop
import Foundation
import Hummingbird

/// An order's payment step. Another employee's order, or an unknown id, is a 404.
struct OrderController {
    let orders: Orders
    let renderer: PageRenderer

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/commandes/:id/paiement", use: payment)
    }

    @Sendable func payment(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let actor = try AuthGuard.actor(context)
        guard let id = context.parameters.get("id", as: UUID.self), let order = try await orders.order(id: id, actor: actor) else {
            throw HTTPError(.notFound)
        }
        return HTML(body: renderer.render("payment", title: "Paiement de la commande \(order.reference)", context: context,
                                          content: OrderSummaryView(order)))
    }
}

/// An order as its pages show it.
struct OrderSummaryView {
    struct Line {
        let product: String
        let quantity: String
        let discount: String
        let price: String
    }

    let id: String
    let reference: String
    let status: String
    let lines: [Line]
    let total: String
    let savings: String
    let isAwaitingPayment: Bool

    init(_ order: OrderRecord) {
        id = order.id.uuidString
        reference = order.reference
        status = order.status.label
        lines = order.lines.map { line in
            Line(product: line.productName, quantity: "\(line.quantity) x \(Money(cents: line.faceValueCents).french)",
                 discount: ((try? DiscountRate(basisPoints: line.discountBasisPoints)) ?? .none).description,
                 price: Money(cents: line.priceCents).french)
        }
        total = Money(cents: order.totalCents).french
        savings = Money(cents: order.savingsCents).french
        isAwaitingPayment = order.status == .awaitingPayment || order.status == .paymentRefused
    }
}
