import BoutiqueCore
import BoutiqueShop
import Foundation
import Hummingbird

/// "Gérez vos commandes" and "OBTENIR LA FACTURE". Another employee's order is a 404.
struct OrderHistoryController {
    let history: OrderHistory
    let renderer: PageRenderer

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/compte/commandes", use: list)
        router.get("/compte/commandes/:id", use: track)
        router.get("/compte/commandes/:id/facture", use: invoice)
        router.get("/compte/commandes/:id/avoir", use: creditNote)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let actor = try AuthGuard.actor(context)
        let records = try await history.orders(actor: actor)
        let credited = try await history.creditNoted(records)
        let orders = records.map { OrderListView.Order($0, hasCreditNote: credited.contains($0.id)) }
        return HTML(body: renderer.render("orders", title: "Gérez vos commandes", context: context,
                                          content: OrderListView(orders: orders, isEmpty: orders.isEmpty)))
    }

    /// « Suivre ma commande »: the order's steps; the page refreshes itself until the cards are
    /// issued (or the payment failed).
    @Sendable func track(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let actor = try AuthGuard.actor(context)
        guard let id = context.parameters.get("id", as: UUID.self), let tracking = try await history.tracking(actor: actor, orderID: id) else {
            throw HTTPError(.notFound)
        }
        let view = OrderTrackingView(tracking)
        return HTML(body: renderer.render("order-status", title: "Commande \(tracking.order.reference)", context: context,
                                          refresh: tracking.isUpdating ? String(OrderTrackingView.refreshSeconds) : nil, content: view))
    }

    @Sendable func invoice(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        guard let id = context.parameters.get("id", as: UUID.self), let invoice = try await history.invoice(actor: actor, orderID: id) else {
            throw HTTPError(.notFound)
        }
        return .pdf(invoice.pdf, filename: "facture-\(invoice.reference).pdf")
    }

    /// « OBTENIR L'AVOIR »: the credit note of a refunded order.
    @Sendable func creditNote(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        guard let id = context.parameters.get("id", as: UUID.self), let note = try await history.creditNote(actor: actor, orderID: id) else {
            throw HTTPError(.notFound)
        }
        return .pdf(note.pdf, filename: "avoir-\(note.reference).pdf")
    }
}

/// The orders as the guide lists them: "Commande N° CMD-324 (10/07/2019 15:45:40)".
struct OrderListView {
    struct Order {
        struct Line {
            let product: String
            let quantity: String
        }

        let id: String
        let heading: String
        let reference: String
        let lines: [Line]
        let total: String
        let status: String
        let statusClass: String
        let hasInvoice: Bool
        let hasCreditNote: Bool
        let canPay: Bool

        init(_ order: OrderRecord, hasCreditNote: Bool) {
            id = order.id.uuidString
            heading = "Commande N° \(order.reference) (\(order.createdAt.map(FrenchDate.dateTime) ?? ""))"
            reference = order.reference
            lines = order.lines.map {
                Line(product: $0.productName, quantity: "\($0.quantity) x \(Money(cents: $0.faceValueCents).french)")
            }
            total = Money(cents: order.totalCents).french
            status = order.status.label
            statusClass = "status-\(order.status.rawValue)"
            hasInvoice = order.invoiceNumber != nil
            self.hasCreditNote = hasCreditNote
            canPay = order.status == .awaitingPayment || order.status == .paymentRefused
        }
    }

    let orders: [Order]
    let isEmpty: Bool
}

/// What `order-status.mustache` prints.
struct OrderTrackingView {
    /// Confirmation and issue take seconds in the demo, minutes to hours for real.
    static let refreshSeconds = 3

    struct Step {
        let label: String
        let date: String
        let isDone: Bool
        let stateLabel: String
    }

    let id: String
    let reference: String
    let status: String
    let statusClass: String
    let steps: [Step]
    let isUpdating: Bool
    let isActivated: Bool
    let lines: [OrderListView.Order.Line]
    let total: String
    let hasInvoice: Bool
    let refreshSeconds = OrderTrackingView.refreshSeconds

    init(_ tracking: OrderTracking) {
        let order = tracking.order
        id = order.id.uuidString
        reference = order.reference
        status = order.status.label
        statusClass = "status-\(order.status.rawValue)"
        steps = tracking.steps.map {
            Step(label: $0.label, date: $0.doneAt.map(FrenchDate.dateTime) ?? "", isDone: $0.isDone, stateLabel: $0.isDone ? "fait" : "à venir")
        }
        isUpdating = tracking.isUpdating
        isActivated = order.status == .activated
        lines = order.lines.map {
            OrderListView.Order.Line(product: $0.productName, quantity: "\($0.quantity) x \(Money(cents: $0.faceValueCents).french)")
        }
        total = Money(cents: order.totalCents).french
        hasInvoice = order.invoiceNumber != nil
    }
}
