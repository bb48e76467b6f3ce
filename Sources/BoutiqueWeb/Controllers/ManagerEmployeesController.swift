import BoutiqueCore
import BoutiqueShop
import Foundation
import Hummingbird

/// `/gestion/salaries` and `/gestion/commandes`: a manager's employees (search, disable, enable)
/// and their orders (read-only). Everything is scoped to the manager's CSE.
struct ManagerEmployeesController {
    let employees: EmployeeDirectory
    let orders: OrderSearch
    let renderer: PageRenderer

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/gestion/salaries", use: employees)
        router.post("/gestion/salaries/:id/desactiver", use: disable)
        router.post("/gestion/salaries/:id/reactiver", use: enable)
        router.get("/gestion/commandes", use: orders)
    }

    @Sendable func employees(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let manager = try AuthGuard.user(context)
        let raw: String? = request.formQuery.get("q")
        let query = String(FieldRules.clean(raw).prefix(80))
        let rows = try await employees.search(actor: manager.actor(from: context.remoteAddress), text: query).map { user in
            EmployeeRow(id: user.id.uuidString, name: user.displayName, email: user.email, status: UserStatusLabel.label(user.status),
                        canDisable: user.status == .active, canEnable: user.status == .disabled)
        }
        return HTML(body: renderer.render("manager-employees", title: "Salariés", context: context,
                                          content: EmployeesPage(query: query, rows: rows, isEmpty: rows.isEmpty)))
    }

    @Sendable func disable(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await setStatus(context, from: .active, to: .disabled)
    }

    @Sendable func enable(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await setStatus(context, from: .disabled, to: .active)
    }

    /// A disabled employee is logged out everywhere at once.
    private func setStatus(_ context: AppRequestContext, from: UserStatus, to: UserStatus) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        guard let id = context.parameters.get("id", as: UUID.self),
              try await employees.setStatus(actor: actor, employeeID: id, from: from, to: to) != nil else {
            throw HTTPError(.notFound)
        }
        return .seeOther(.employees)
    }

    @Sendable func orders(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let manager = try AuthGuard.user(context)
        let rows = try await orders.latest(actor: manager.actor(from: context.remoteAddress)).map { order in
            AdminOrderRow(id: order.id.uuidString, reference: order.reference, date: order.createdAt.map(FrenchDate.dateTime) ?? "",
                          cse: "", employee: order.customer?.displayName ?? "", total: Money(cents: order.totalCents).french,
                          status: order.status.label, flag: nil)
        }
        return HTML(body: renderer.render("manager-orders", title: "Commandes des salariés", context: context, content: ["rows": rows]))
    }
}

struct EmployeesPage {
    let query: String
    let rows: [EmployeeRow]
    let isEmpty: Bool
}

struct EmployeeRow {
    let id, name, email, status: String
    let canDisable, canEnable: Bool
}
