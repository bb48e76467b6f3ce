import BoutiqueShop
import Foundation
import Hummingbird

/// `/gestion/cles`: the manager's identification keys. Another CSE's key is a 404.
struct ManagerKeysController {
    let keys: IdentificationKeys
    let renderer: PageRenderer

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/gestion/cles", use: list)
        router.post("/gestion/cles", use: create)
        router.get("/gestion/cles/:id/revoquer", use: confirmRevoke)
        router.post("/gestion/cles/:id/revoquer", use: revoke)
    }

    /// What revoking the key does, before anything changes (its form posts the revocation).
    @Sendable func confirmRevoke(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        guard let id = context.parameters.get("id", as: UUID.self),
              let key = try await keys.list(actor: actor).first(where: { $0.id == id }) else { throw HTTPError(.notFound) }
        guard !key.isRevoked else { return .seeOther(.keys) }
        let keysMayApprove = try await keys.keysMayApprove(actor: actor)
        let view = KeyRevocationView(id: key.id.uuidString, code: key.code, label: key.label,
                                     approvedAtOnce: key.autoApprove && keysMayApprove, csrf: context.csrfToken)
        return try HTML(body: renderer.render("key-revoke", title: "Révoquer la clé \(key.code)", context: context, content: view))
            .response(from: request, context: context)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let actor = try AuthGuard.actor(context)
        let notice = request.formQuery.get("ok").flatMap { ["cree": "La clé a été créée.", "revoquee": "La clé a été révoquée."][$0] }
        return try await page(context, actor: actor, values: [:], errors: FormErrors(), notice: notice)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        let form = try await FormBody.decode(IdentificationKeys.Form.self, from: request, context: context)
        do {
            _ = try await keys.create(actor: actor, form: form)
        } catch let error as FormErrors {
            let values = ["code": form.code, "label": form.label].compactMapValues { $0 }
            return try await page(context, actor: actor, values: values, errors: error, notice: nil, status: .unprocessableContent)
                .response(from: request, context: context)
        }
        return .seeOther(.keys.notice("cree"))
    }

    @Sendable func revoke(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        guard let id = context.parameters.get("id", as: UUID.self), try await keys.revoke(actor: actor, keyID: id) else {
            throw HTTPError(.notFound)
        }
        return .seeOther(.keys.notice("revoquee"))
    }

    private func page(_ context: AppRequestContext, actor: AccountActor, values: [String: String], errors: FormErrors, notice: String?,
                      status: HTTPResponse.Status = .ok) async throws -> HTML {
        let keysMayApprove = try await keys.keysMayApprove(actor: actor)
        let rows = try await keys.list(actor: actor).map { key in
            KeyRow(id: key.id.uuidString, code: key.code, label: key.label,
                   autoApprove: key.autoApprove ? (keysMayApprove ? "Oui" : "Oui, sans effet (validation par le gestionnaire)") : "Non",
                   state: key.isRevoked ? "Révoquée" : "Active", isActive: !key.isRevoked)
        }
        let view = FormPage(context: context, values: values, errors: errors, notice: notice,
                            page: KeysPage(rows: rows, isEmpty: rows.isEmpty, keysMayApprove: keysMayApprove))
        return HTML(body: renderer.render("manager-keys", title: "Clés d'identification", context: context, content: view), status: status)
    }
}

struct KeysPage {
    let rows: [KeyRow]
    let isEmpty: Bool
    /// The CSE's « Validation des comptes »: by key (true) or by its manager.
    let keysMayApprove: Bool
}

struct KeyRow {
    let id, code, label, autoApprove, state: String
    let isActive: Bool
}

/// What `key-revoke.mustache` prints.
struct KeyRevocationView {
    let id, code, label: String
    /// The key activates accounts at once today (its own setting, and the CSE's).
    let approvedAtOnce: Bool
    let csrf: String
}
