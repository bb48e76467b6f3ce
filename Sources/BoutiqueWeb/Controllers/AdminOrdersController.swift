import BoutiqueCore
import BoutiqueShop
import Foundation
import Hummingbird

/// `/admin/commandes`: the operator's view of all orders, with their payment attempts and
/// notifications, and the refund.
struct AdminOrdersController {
    let search: OrderSearch
    let tenants: TenantAdmin
    let mailbox: Mailbox
    let refunds: Refunds?
    /// The order's invoice and credit note.
    let history: OrderHistory
    let renderer: PageRenderer

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/admin/commandes", use: list)
        router.get("/admin/commandes/:id", use: detail)
        router.get("/admin/commandes/:id/rembourser", use: confirmRefund)
        router.post("/admin/commandes/:id/rembourser", use: refund)
        // The same downloads as the employee's: `OrderHistory` lets the operator read any order's.
        let documents = OrderHistoryController(history: history, renderer: renderer)
        router.get("/admin/commandes/:id/facture", use: documents.invoice)
        router.get("/admin/commandes/:id/avoir", use: documents.creditNote)
    }

    /// `?q=…&cse=…&statut=…&page=2`: the search criteria travel in the link, so a page of results
    /// can be bookmarked or reloaded.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let actor = try AuthGuard.actor(context)
        let query = request.formQuery
        let criteria = OrderSearch.Criteria(text: query.get("q") ?? "", tenantID: query.get("cse").flatMap { UUID(uuidString: $0) },
                                            status: query.get("statut").flatMap { OrderStatus(rawValue: $0) },
                                            page: query.get("page").flatMap { Int($0) } ?? 1)
        let results = try await search.search(actor: actor, criteria)
        let tenants = try await self.tenants.list()
        let view = AdminOrdersPage(results: results, criteria: criteria, tenants: tenants)
        return HTML(body: renderer.render("admin-orders", title: "Commandes", context: context, content: view))
    }

    @Sendable func detail(_ request: Request, context: AppRequestContext) async throws -> HTML {
        _ = try AuthGuard.user(context)
        let notice = request.formQuery.get("ok").flatMap {
            ["rembourse": "La commande est remboursée.", "renvoye": "L'e-mail est remis en file d'envoi."][$0]
        }
        return try await page(context, notice: notice, error: nil)
    }

    /// The refund's confirmation page: each card, its balance, what goes back to the bank. Nothing
    /// moves until its form is posted.
    @Sendable func confirmRefund(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        guard let id = context.parameters.get("id", as: UUID.self), let refunds,
              let preview = try await refunds.preview(actor: actor, orderID: id) else { throw HTTPError(.notFound) }
        // Not paid, or refunded already: the order's page says where it stands.
        guard preview.order.status.isPaid else { return .seeOther(.adminOrder(id)) }
        let view = RefundConfirmationView(preview, csrf: context.csrfToken)
        return try HTML(body: renderer.render("admin-refund", title: "Rembourser la commande \(preview.order.reference)", context: context,
                                              content: view)).response(from: request, context: context)
    }

    /// The confirmed refund: `montant`, the amount the confirmation page showed, must still be
    /// the amount to refund.
    @Sendable func refund(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        guard let id = context.parameters.get("id", as: UUID.self), let refunds else { throw HTTPError(.notFound) }
        let form = try await FormBody.decode(RefundForm.self, from: request, context: context)
        guard let expected = form.montant.flatMap({ Int($0) }) else {
            return try await page(context, notice: nil, error: "Confirmez le remboursement depuis sa page de confirmation.",
                                  status: .unprocessableContent).response(from: request, context: context)
        }
        switch try await refunds.refund(actor: actor, orderID: id, expectedCents: expected) {
        case .refunded:
            return .seeOther(.adminOrder(id).notice("rembourse"))
        case .refused(let message):
            return try await page(context, notice: nil, error: message, status: .unprocessableContent).response(from: request, context: context)
        }
    }

    private func page(_ context: AppRequestContext, notice: String?, error: String?, status: HTTPResponse.Status = .ok) async throws -> HTML {
        guard let actor = context.actor, let id = context.parameters.get("id", as: UUID.self),
              let detail = try await search.detail(actor: actor, id: id) else { throw HTTPError(.notFound) }
        let order = detail.order
        var mails: [Mailbox.Entry] = []
        if let customer = order.customer { mails = try await mailbox.messages(to: customer.email) }
        var view = AdminOrderView(order: order, notifications: detail.notifications, mails: mails, notice: notice, error: error,
                                  canRefund: refunds != nil && order.status.isPaid, csrf: context.csrfToken)
        view.creditNoteNumber = try await history.creditNoteReference(orderID: order.id)
        return HTML(body: renderer.render("admin-order", title: "Commande \(order.reference)", context: context, content: view), status: status)
    }
}

/// The refund's confirmation form: the amount its page showed, in cents.
struct RefundForm: Codable {
    var montant: String?
}

struct AdminOrderRow {
    let id, reference, date, cse, employee: String
    /// The customer's e-mail, under the name on the operator's list (the manager's page has none).
    var email = ""
    let total, status: String
    let flag: String?
    /// What went back to the buyer's bank, when anything did (the operator's list).
    var refunded: String? = nil
}

/// What `admin-orders.mustache` prints: the search form as typed, one page of orders, the pager.
struct AdminOrdersPage {
    let rows: [AdminOrderRow]
    let isEmpty: Bool
    let query: String
    let tenants: [SelectOption]
    let statuses: [SelectOption]
    let summary: String
    let previousLink, nextLink: String?
    let hasPager: Bool

    init(results: OrderSearch.Results, criteria: OrderSearch.Criteria, tenants: [TenantRecord]) {
        rows = results.orders.map { order in
            AdminOrderRow(id: order.id.uuidString, reference: order.reference, date: order.createdAt.map(FrenchDate.dateTime) ?? "",
                          cse: order.cseName ?? "", employee: order.customer?.displayName ?? "", email: order.customer?.email ?? "",
                          total: Money(cents: order.totalCents).french, status: order.status.label, flag: order.paymentFlag,
                          refunded: order.refundedCents > 0 ? Money(cents: order.refundedCents).french : nil)
        }
        isEmpty = rows.isEmpty
        query = criteria.text
        self.tenants = tenants.map { tenant in
            SelectOption(value: tenant.id.uuidString, label: tenant.name, selected: tenant.id == criteria.tenantID)
        }
        statuses = OrderStatus.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == criteria.status) }
        summary = results.total == 0 ? "" : "\(results.total) commande(s), page \(results.page) sur \(results.pageCount)"
        func link(_ page: Int) -> String {
            var items = [URLQueryItem]()
            if !criteria.text.isEmpty { items.append(URLQueryItem(name: "q", value: criteria.text)) }
            if let tenant = criteria.tenantID { items.append(URLQueryItem(name: "cse", value: tenant.uuidString)) }
            if let status = criteria.status { items.append(URLQueryItem(name: "statut", value: status.rawValue)) }
            items.append(URLQueryItem(name: "page", value: String(page)))
            var components = URLComponents()
            components.path = SiteURL.adminOrders.path
            components.queryItems = items
            // `+` would read as a space in the query string the server parses.
            return (components.string ?? SiteURL.adminOrders.path).replacingOccurrences(of: "+", with: "%2B")
        }
        previousLink = results.hasPrevious ? link(min(results.page - 1, results.pageCount)) : nil
        nextLink = results.hasNext ? link(results.page + 1) : nil
        hasPager = previousLink != nil || nextLink != nil
    }
}

struct AdminOrderView {
    struct Attempt { let date, provider, reference, amount, status, reason: String }
    struct Notification { let date, provider, reference, outcome: String }
    struct Refund { let date, reference, amount, reason, status: String }
    struct Mail { let id, date, subject: String }

    let reference, cse, employee, email, status, total: String
    let flag: String?
    let lines: [OrderSummaryView.Line]
    let attempts: [Attempt]
    /// Every refund of the order's charges (the operator's and the automatic ones).
    let refunds: [Refund]
    let hasRefunds: Bool
    /// What went back to the buyer's bank in all; nil when nothing did.
    let refunded: String?
    let notifications: [Notification]
    /// The e-mails kept for the employee (by the built-in mailbox, or as copies of what SMTP sent).
    let mails: [Mail]
    let hasMails: Bool
    let notice, error: String?
    let canRefund: Bool
    /// « FAC-000012 » once invoiced.
    let invoiceNumber: String?
    /// The credit note's number, once refunded.
    var creditNoteNumber: String?
    let id: String
    /// The same as `id`, under a name the e-mail rows (which have their own `id`) do not hide.
    let orderID: String
    let csrf: String

    init(order: OrderRecord, notifications: [PaymentNotificationRecord], mails: [Mailbox.Entry], notice: String?, error: String?,
         canRefund: Bool, csrf: String) {
        reference = order.reference
        invoiceNumber = order.invoiceNumber.map(OrderHistory.invoiceReference)
        cse = order.cseName ?? ""
        employee = order.customer?.displayName ?? ""
        email = order.customer?.email ?? ""
        status = order.status.label
        total = Money(cents: order.totalCents).french
        flag = order.paymentFlag
        lines = OrderSummaryView(order).lines
        attempts = order.attempts.map {
            Attempt(date: $0.createdAt.map(FrenchDate.dateTime) ?? "", provider: $0.provider, reference: $0.reference,
                    amount: Money(cents: $0.amountCents).french, status: $0.status, reason: $0.failureReason ?? "")
        }
        refunds = order.refunds.map {
            Refund(date: $0.createdAt.map(FrenchDate.dateTime) ?? "", reference: $0.attemptReference, amount: Money(cents: $0.amountCents).french,
                   reason: $0.reason.label, status: Self.refundStatus($0.status))
        }
        hasRefunds = !refunds.isEmpty
        refunded = order.refundedCents > 0 ? Money(cents: order.refundedCents).french : nil
        self.notifications = notifications.map {
            Notification(date: $0.receivedAt.map(FrenchDate.dateTime) ?? "", provider: $0.provider, reference: $0.reference, outcome: $0.outcome)
        }
        self.mails = mails.map { Mail(id: String($0.id), date: FrenchDate.dateTime($0.receivedAt), subject: $0.message.subject) }
        hasMails = !mails.isEmpty
        self.notice = notice
        self.error = error
        self.canRefund = canRefund
        id = order.id.uuidString
        orderID = id
        self.csrf = csrf
    }

    static func refundStatus(_ status: String) -> String {
        ["pending": "En cours auprès du prestataire", "done": "Remboursé", "failed": "Refusé par le prestataire"][status] ?? status
    }
}
