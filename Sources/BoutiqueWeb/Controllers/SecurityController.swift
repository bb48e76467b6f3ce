import BoutiqueCore
import BoutiqueShop
import Hummingbird

/// `/compte/securite`: managers' and operators' second factor (TOTP), on or off.
struct SecurityController {
    let secondFactor: SecondFactor
    let renderer: PageRenderer

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/compte/securite", use: page)
        router.post("/compte/securite/activer", use: begin)
        router.post("/compte/securite/confirmer", use: confirm)
        router.post("/compte/securite/desactiver", use: disable)
    }

    struct CodeForm: Decodable { var code: String? }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let user = try AuthGuard.user(context)
        let notice = request.uri.queryParameters.get("ok").flatMap {
            ["active": "La double authentification est activée.", "desactivee": "La double authentification est désactivée."][$0]
        }
        return render(context, user: user, setup: nil, errors: FormErrors(), notice: notice)
    }

    @Sendable func begin(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let user = try AuthGuard.user(context)
        let setup = try await secondFactor.beginSetup(actor: user.actor(from: context.remoteAddress))
        return render(context, user: user, setup: setup, errors: FormErrors(), notice: nil)
    }

    @Sendable func confirm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try AuthGuard.user(context)
        let form = try await FormBody.decode(CodeForm.self, from: request, context: context)
        guard try await secondFactor.confirmSetup(actor: user.actor(from: context.remoteAddress), code: form.code) else {
            let setup = try await secondFactor.pendingSetup(actor: user.actor(from: context.remoteAddress))
            return try render(context, user: user, setup: setup, errors: FormErrors("code", "Code incorrect : réessayez avec le code affiché maintenant."),
                              notice: nil, status: .unprocessableContent).response(from: request, context: context)
        }
        return .seeOther(.security.notice("active"))
    }

    @Sendable func disable(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try AuthGuard.user(context)
        let form = try await FormBody.decode(CodeForm.self, from: request, context: context)
        guard try await secondFactor.disable(actor: user.actor(from: context.remoteAddress), code: form.code) else {
            return try render(context, user: user, setup: nil, errors: FormErrors("code", "Code incorrect."), notice: nil,
                              status: .unprocessableContent).response(from: request, context: context)
        }
        return .seeOther(.security.notice("desactivee"))
    }

    private func render(_ context: AppRequestContext, user: UserRecord, setup: SecondFactor.Setup?, errors: FormErrors, notice: String?,
                        status: HTTPResponse.Status = .ok) -> HTML {
        let view = SecurityPage(enabled: user.hasSecondFactor, settingUp: setup != nil, url: setup?.url ?? "", key: setup?.key ?? "")
        return HTML(body: renderer.render("security", title: "Sécurité du compte", context: context,
                                          content: FormPage(context: context, errors: errors, notice: notice, page: view)), status: status)
    }
}

struct SecurityPage {
    let enabled: Bool
    let settingUp: Bool
    let url: String
    let key: String
}
