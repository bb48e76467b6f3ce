import BoutiqueShop
import Foundation
import Hummingbird

/// Records the consoles' sensitive actions through the shop's `AuditLog`, with the request's
/// user and address.
struct Audit: Sendable {
    let log: AuditLog

    /// Never fails the action it records: a log write error is logged, not shown.
    func record(_ context: AppRequestContext, action: String, target: String, tenantID: UUID?, details: String = "") async {
        let author = AuditLog.Author(userID: context.user?.id, email: context.user?.email ?? "anonyme", address: context.remoteAddress)
        do {
            try await log.record(author, action: action, target: target, tenantID: tenantID, details: details)
        } catch {
            context.logger.error("Journal d'audit : écriture impossible", metadata: ["action": "\(action)", "error": "\(error)"])
        }
    }
}

/// Shows the log: all of it to the operator, their CSE's part to a manager.
struct AuditController {
    let log: AuditLog
    let renderer: PageRenderer

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/admin/journal", use: operatorLog)
        router.get("/gestion/journal", use: managerLog)
    }

    @Sendable func operatorLog(_ request: Request, context: AppRequestContext) async throws -> HTML {
        try await page(context, actor: AuthGuard.role(context, [.operator]).actor)
    }

    @Sendable func managerLog(_ request: Request, context: AppRequestContext) async throws -> HTML {
        try await page(context, actor: AuthGuard.role(context, [.manager]).actor)
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
