import BoutiqueCore
import BoutiqueShop
import Foundation
import Hummingbird

/// `/admin/travaux`: the job queue for the operator — counts, what waits or failed, and a retry.
struct AdminJobsController {
    let jobs: BackgroundJobs
    let renderer: PageRenderer

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/admin/travaux", use: list)
        router.post("/admin/travaux/:id/relancer", use: retry)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> HTML {
        _ = try AuthGuard.user(context)
        let counts = try await jobs.counts()
        let rows = try await jobs.list(states: [.dead, .running, .pending], limit: 300).map { job in
            JobRow(id: String(job.id), kind: job.kind, state: job.state.rawValue, attempts: "\(job.attempts)/\(job.maxAttempts)",
                   runAt: FrenchDate.dateTime(Date(timeIntervalSince1970: Double(job.runAt) / 1_000)),
                   error: job.lastError ?? "", isDead: job.state == .dead)
        }
        let view = JobsPage(summary: JobState.allCases.map { "\($0.rawValue) : \(counts[$0] ?? 0)" }.joined(separator: " · "),
                            rows: rows, notice: request.formQuery.get("ok") == "relance" ? "Le travail est remis en file." : nil)
        return HTML(body: renderer.render("admin-jobs", title: "Travaux en arrière-plan", context: context, content: view))
    }

    @Sendable func retry(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        guard let id = context.parameters.get("id", as: Int64.self), try await jobs.retry(actor: actor, id: id) else { throw HTTPError(.notFound) }
        return .seeOther(.adminJobs.notice("relance"))
    }
}

struct JobsPage {
    let summary: String
    let rows: [JobRow]
    let notice: String?
}

struct JobRow {
    let id, kind, state, attempts, runAt, error: String
    let isDead: Bool
}
