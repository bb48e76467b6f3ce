import BoutiqueShop
import Foundation
import Hummingbird

/// Shows the log: all of it to the operator, their CSE's part to a manager.
struct AuditController {
    let log: AuditLog
    let renderer: PageRenderer

    /// The operator's console.
    func addOperatorRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/admin/journal", use: operatorLog)
    }

    /// The manager's console.
    func addManagerRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/gestion/journal", use: managerLog)
    }

    @Sendable func operatorLog(_ request: Request, context: AppRequestContext) async throws -> HTML {
        try await page(context, actor: AuthGuard.actor(context))
    }

    @Sendable func managerLog(_ request: Request, context: AppRequestContext) async throws -> HTML {
        try await page(context, actor: AuthGuard.actor(context))
    }

    private func page(_ context: AppRequestContext, actor: AccountActor) async throws -> HTML {
        let rows = try await log.entries(actor: actor).map { entry in
            AuditRow(date: entry.createdAt.map(FrenchDate.dateTime) ?? "", actor: entry.actorEmail, action: entry.action,
                     target: entry.target, details: entry.details, address: entry.address)
        }
        return HTML(body: renderer.render("audit", title: "Journal des actions", context: context, content: ["rows": rows]))
    }
}

struct AuditRow {
    let date, actor, action, target, details, address: String
}
