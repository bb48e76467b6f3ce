import BoutiqueShop
import Foundation
import Hummingbird

/// `/gestion/comptes`: the manager's pending accounts, to approve or reject (with a reason).
/// A manager sees and decides only for their own CSE; another CSE's account is a 404.
struct ManagerAccountsController {
    let accounts: Accounts
    let renderer: PageRenderer

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/gestion/comptes", use: list)
        router.post("/gestion/comptes/:id/valider", use: approve)
        router.post("/gestion/comptes/:id/refuser", use: reject)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let manager = try AuthGuard.user(context)
        let notice = request.formQuery.get("ok").flatMap { ["valide": "Le compte a été validé ; un e-mail a prévenu la personne.",
                                                                      "refuse": "La demande a été refusée ; un e-mail a prévenu la personne."][$0] }
        return try await page(context, actor: manager.actor(from: context.remoteAddress), errors: FormErrors(), notice: notice)
    }

    struct DecisionForm: Decodable { var reason: String? }

    @Sendable func approve(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await decide(request, context: context, approve: true)
    }

    @Sendable func reject(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await decide(request, context: context, approve: false)
    }

    private func decide(_ request: Request, context: AppRequestContext, approve: Bool) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        guard let id = context.parameters.get("id", as: UUID.self) else { throw HTTPError(.notFound) }
        let form = try await FormBody.decode(DecisionForm.self, from: request, context: context)
        do {
            switch try await accounts.decide(actor: actor, userID: id, approve: approve, reason: form.reason) {
            case .notFound: throw HTTPError(.notFound)
            case .done:
                return .seeOther(.pendingAccounts.notice(approve ? "valide" : "refuse"))
            }
        } catch let errors as FormErrors {
            var scoped = FormErrors()
            for (_, message) in errors.messages { scoped.add(id.uuidString, message) }
            return try await page(context, actor: actor, errors: scoped, notice: nil, status: .unprocessableContent)
                .response(from: request, context: context)
        }
    }

    private func page(_ context: AppRequestContext, actor: AccountActor, errors: FormErrors, notice: String?,
                      status: HTTPResponse.Status = .ok) async throws -> HTML {
        let rows = try await accounts.pendingAccounts(actor: actor).map { user in
            PendingAccountRow(id: user.id.uuidString, name: user.displayName, email: user.email, phone: user.phone,
                              cse: user.tenant?.name ?? "", since: user.createdAt.map(FrenchDate.dateTime) ?? "",
                              hasKey: user.identificationKeyID != nil, error: errors[user.id.uuidString])
        }
        let page = FormPage(context: context, errors: errors, notice: notice, page: PendingAccounts(rows: rows, isEmpty: rows.isEmpty))
        return HTML(body: renderer.render("manager-accounts", title: "Comptes en attente", context: context, content: page),
                    status: status)
    }
}

struct PendingAccounts {
    let rows: [PendingAccountRow]
    let isEmpty: Bool
}

struct PendingAccountRow {
    let id: String
    let name: String
    let email: String
    let phone: String
    let cse: String
    let since: String
    let hasKey: Bool
    let error: String?
}
