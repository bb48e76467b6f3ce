import BoutiqueShop
import BoutiqueStore
import FluentKit
import Foundation
import Hummingbird

/// Records the consoles' sensitive actions, and shows the log: all of it to the operator, their
/// CSE's part to a manager.
struct Audit: Sendable {
    let database: BoutiqueDatabase

    /// Never fails the action it records: a log write error is logged, not shown.
    func record(_ context: AppRequestContext, action: String, target: String, tenantID: UUID?, details: String = "") async {
        let actor = context.user
        do {
            try await AuditEntry(actorID: actor?.id, actorEmail: actor?.email ?? "anonyme", tenantID: tenantID, action: action,
                                 target: target, details: details, address: context.remoteAddress).create(on: database.db)
        } catch {
            context.logger.error("Journal d'audit : écriture impossible", metadata: ["action": "\(action)", "error": "\(error)"])
        }
    }
}

struct AuditController {
    let database: BoutiqueDatabase
    let renderer: PageRenderer

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/admin/journal", use: operatorLog)
        router.get("/gestion/journal", use: managerLog)
    }

    @Sendable func operatorLog(_ request: Request, context: AppRequestContext) async throws -> HTML {
        _ = try AuthGuard.role(context, [.operator])
        return try await page(context, entries: AuditEntry.query(on: database.db).sort(\.$createdAt, .descending).limit(500).all())
    }

    @Sendable func managerLog(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let manager = try AuthGuard.role(context, [.manager])
        let entries = try await AuditEntry.query(on: database.db).filter(\.$tenantID == manager.$tenant.id)
            .sort(\.$createdAt, .descending).limit(500).all()
        return try await page(context, entries: entries)
    }

    private func page(_ context: AppRequestContext, entries: [AuditEntry]) async throws -> HTML {
        let rows = entries.map { entry in
            AuditRow(date: entry.createdAt.map(FrenchDate.dateTime) ?? "", actor: entry.actorEmail, action: entry.action,
                     target: entry.target, details: entry.details, address: entry.address)
        }
        return HTML(body: renderer.render("audit", title: "Journal des actions", context: context, content: ["rows": rows]))
    }
}

struct AuditRow {
    let date, actor, action, target, details, address: String
}
