import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import FluentKit
import Foundation
import Hummingbird

/// `/admin/commandes`: the operator's view of all orders, with their payment attempts and
/// notifications, and the refund.
struct AdminOrdersController {
    let database: BoutiqueDatabase
    let mailbox: Mailbox
    let refunds: Refunds?
    let audit: Audit
    let renderer: PageRenderer

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/admin/commandes", use: list)
        router.get("/admin/commandes/:id", use: detail)
        router.post("/admin/commandes/:id/rembourser", use: refund)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> HTML {
        _ = try AuthGuard.role(context, [.operator])
        let orders = try await Order.query(on: database.db).sort(\.$createdAt, .descending).with(\.$user).with(\.$tenant).limit(200).all()
        let rows = orders.map { order in
            AdminOrderRow(id: order.id?.uuidString ?? "", reference: order.reference, date: order.createdAt.map(FrenchDate.dateTime) ?? "",
                          cse: order.tenant.name, employee: order.user.displayName, total: Money(cents: order.totalCents).guide,
                          status: order.status.label, flag: order.paymentFlag)
        }
        return HTML(body: renderer.render("admin-orders", title: "Commandes", context: context, content: ["rows": rows]))
    }

    @Sendable func detail(_ request: Request, context: AppRequestContext) async throws -> HTML {
        _ = try AuthGuard.role(context, [.operator])
        let notice = request.uri.queryParameters.get("ok").flatMap {
            ["rembourse": "La commande est remboursée.", "renvoye": "L'e-mail est remis en file d'envoi."][$0]
        }
        return try await page(context, notice: notice, error: nil)
    }

    @Sendable func refund(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AccountActor(try AuthGuard.role(context, [.operator]))
        guard let id = context.parameters.get("id", as: UUID.self), let refunds else { throw HTTPError(.notFound) }
        switch try await refunds.refund(actor: actor, orderID: id) {
        case .refunded(let amount):
            let tenantID = try await Order.find(id, on: database.db)?.$tenant.id
            await audit.record(context, action: "Commande remboursée", target: id.uuidString, tenantID: tenantID, details: amount.guide)
            return .seeOther("/admin/commandes/\(id)?ok=rembourse")
        case .refused(let message):
            return try await page(context, notice: nil, error: message, status: .unprocessableContent).response(from: request, context: context)
        }
    }

    private func page(_ context: AppRequestContext, notice: String?, error: String?, status: HTTPResponse.Status = .ok) async throws -> HTML {
        guard let id = context.parameters.get("id", as: UUID.self),
              let order = try await Order.query(on: database.db).filter(\.$id == id).with(\.$lines).with(\.$attempts)
                .with(\.$user).with(\.$tenant).first() else { throw HTTPError(.notFound) }
        let references = order.attempts.map(\.reference)
        let notifications = references.isEmpty ? [] : try await PaymentNotification.query(on: database.db)
            .filter(\.$reference ~~ references).sort(\.$receivedAt).all()
        let mails = try await mailbox.messages(to: order.user.email)
        let view = AdminOrderView(order: order, notifications: notifications, mails: mails, notice: notice, error: error,
                                  canRefund: refunds != nil && order.status.isPaid, csrf: context.csrfToken)
        return HTML(body: renderer.render("admin-order", title: "Commande \(order.reference)", context: context, content: view), status: status)
    }
}

struct AdminOrderRow {
    let id, reference, date, cse, employee, total, status: String
    let flag: String?
}

struct AdminOrderView {
    struct Attempt { let date, provider, reference, amount, status, reason: String }
    struct Notification { let date, provider, reference, outcome: String }
    struct Mail { let id, date, subject: String }

    let reference, cse, employee, email, status, total: String
    let flag: String?
    let lines: [OrderSummaryView.Line]
    let attempts: [Attempt]
    let notifications: [Notification]
    /// The e-mails the built-in mailbox kept for the employee (none when SMTP sends them).
    let mails: [Mail]
    let hasMails: Bool
    let notice, error: String?
    let canRefund: Bool
    let id: String
    /// The same as `id`, under a name the e-mail rows (which have their own `id`) do not hide.
    let orderID: String
    let csrf: String

    init(order: Order, notifications: [PaymentNotification], mails: [Mailbox.Entry], notice: String?, error: String?, canRefund: Bool,
         csrf: String) {
        reference = order.reference
        cse = order.tenant.name
        employee = order.user.displayName
        email = order.user.email
        status = order.status.label
        total = Money(cents: order.totalCents).guide
        flag = order.paymentFlag
        lines = OrderSummaryView(order).lines
        attempts = order.attempts.sorted { ($0.createdAt ?? .distantPast) < ($1.createdAt ?? .distantPast) }.map {
            Attempt(date: $0.createdAt.map(FrenchDate.dateTime) ?? "", provider: $0.provider, reference: $0.reference,
                    amount: Money(cents: $0.amountCents).guide, status: $0.status, reason: $0.failureReason ?? "")
        }
        self.notifications = notifications.map {
            Notification(date: $0.receivedAt.map(FrenchDate.dateTime) ?? "", provider: $0.provider, reference: $0.reference, outcome: $0.outcome)
        }
        self.mails = mails.map { Mail(id: String($0.id), date: FrenchDate.dateTime($0.receivedAt), subject: $0.message.subject) }
        hasMails = !mails.isEmpty
        self.notice = notice
        self.error = error
        self.canRefund = canRefund
        id = order.id?.uuidString ?? ""
        orderID = id
        self.csrf = csrf
    }
}
