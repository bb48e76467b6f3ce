import BoutiqueCore
import BoutiqueDocuments
import BoutiqueShop
import Hummingbird

/// `/compte/securite`: managers' and operators' second factor (TOTP): set up with a QR code or the
/// key, ten recovery codes shown once, renewed with a current code, off unless required.
struct SecurityController {
    let secondFactor: SecondFactor
    let renderer: PageRenderer

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/compte/securite", use: page)
        router.post("/compte/securite/activer", use: begin)
        router.post("/compte/securite/confirmer", use: confirm)
        router.post("/compte/securite/codes", use: renewCodes)
        router.post("/compte/securite/desactiver", use: disable)
    }

    struct CodeForm: Decodable { var code: String? }

    static let notices = ["active": "La double authentification est activée.", "desactivee": "La double authentification est désactivée.",
                          "requis": "La double authentification est obligatoire pour votre compte : activez-la pour continuer."]

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let user = try AuthGuard.user(context)
        let query = request.formQuery
        let notice = query.get("ok").flatMap { Self.notices[$0] } ?? (query.get("requis") != nil ? Self.notices["requis"] : nil)
        return try await render(context, user: user, setup: nil, errors: FormErrors(), notice: notice)
    }

    @Sendable func begin(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let user = try AuthGuard.user(context)
        let setup = try await secondFactor.beginSetup(actor: user.actor(from: context.remoteAddress))
        return try await render(context, user: user, setup: setup, errors: FormErrors(), notice: nil)
    }

    @Sendable func confirm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try AuthGuard.user(context)
        let form = try await FormBody.decode(CodeForm.self, from: request, context: context)
        guard let codes = try await secondFactor.confirmSetup(actor: user.actor(from: context.remoteAddress), code: form.code) else {
            let setup = try await secondFactor.pendingSetup(actor: user.actor(from: context.remoteAddress))
            return try await render(context, user: user, setup: setup, errors: FormErrors("code", "Code incorrect : réessayez avec le code affiché maintenant."),
                                    notice: nil, status: .unprocessableContent).response(from: request, context: context)
        }
        return try codesPage(context, codes: codes, title: "Double authentification activée").response(from: request, context: context)
    }

    @Sendable func renewCodes(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try AuthGuard.user(context)
        let form = try await FormBody.decode(CodeForm.self, from: request, context: context)
        guard let codes = try await secondFactor.renewRecoveryCodes(actor: user.actor(from: context.remoteAddress), code: form.code) else {
            return try await render(context, user: user, setup: nil, errors: FormErrors("renewCode", "Code incorrect."), notice: nil,
                                    status: .unprocessableContent).response(from: request, context: context)
        }
        return try codesPage(context, codes: codes, title: "Nouveaux codes de secours").response(from: request, context: context)
    }

    @Sendable func disable(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try AuthGuard.user(context)
        let form = try await FormBody.decode(CodeForm.self, from: request, context: context)
        switch try await secondFactor.disable(actor: user.actor(from: context.remoteAddress), code: form.code) {
        case .disabled:
            return .seeOther(.security.notice("desactivee"))
        case .wrongCode:
            return try await render(context, user: user, setup: nil, errors: FormErrors("code", "Code incorrect."), notice: nil,
                                    status: .unprocessableContent).response(from: request, context: context)
        case .required:
            return try await render(context, user: user, setup: nil, errors: FormErrors("code", SecurityPage.requiredText), notice: nil,
                                    status: .unprocessableContent).response(from: request, context: context)
        }
    }

    /// The codes, shown once (every page is `no-store`: neither the browser's cache nor a proxy keeps them).
    private func codesPage(_ context: AppRequestContext, codes: [String], title: String) -> HTML {
        HTML(body: renderer.render("security-codes", title: title, context: context,
                                   content: FormPage(context: context, page: RecoveryCodesPage(title: title, codes: codes))))
    }

    private func render(_ context: AppRequestContext, user: UserRecord, setup: SecondFactor.Setup?, errors: FormErrors, notice: String?,
                        status: HTTPResponse.Status = .ok) async throws -> HTML {
        let remaining = user.hasSecondFactor ? try await secondFactor.remainingRecoveryCodes(actor: user.actor(from: context.remoteAddress)) : 0
        let view = SecurityPage(enabled: user.hasSecondFactor, required: secondFactor.policy.requires(user), settingUp: setup != nil,
                                url: setup?.url ?? "", key: setup?.key ?? "", qrCode: setup.map { SecurityPage.qrCode(for: $0.url) } ?? "",
                                remainingCodes: remaining)
        return HTML(body: renderer.render("security", title: "Sécurité du compte", context: context,
                                          content: FormPage(context: context, errors: errors, notice: notice, page: view)), status: status)
    }
}

struct SecurityPage {
    let enabled: Bool
    let required: Bool
    let settingUp: Bool
    let url: String
    let key: String
    /// The `otpauth://` link as an inline SVG QR code, for the phone's camera.
    let qrCode: String
    let remainingCodes: Int

    var fewCodesLeft: Bool { enabled && remainingCodes <= 3 }

    static let requiredText = "La double authentification est obligatoire pour votre compte : elle ne peut pas être désactivée."

    /// The authenticator's QR code; empty (the page keeps the link and the key) if it could not be
    /// drawn, which an `otpauth://` link of a few dozen bytes never is.
    static func qrCode(for url: String) -> String {
        (try? QRCode(text: url, errorCorrection: .medium))?.svg(label: "QR code à scanner avec votre application d'authentification") ?? ""
    }
}

struct RecoveryCodesPage {
    let title: String
    let codes: [String]
}
