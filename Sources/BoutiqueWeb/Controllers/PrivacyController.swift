import BoutiqueCore
import BoutiqueShop
import Foundation
import Hummingbird

/// The privacy notice (public), « Mes données » and « Fermer mon compte » (the employee's).
struct PrivacyController {
    let personalData: PersonalData
    let closure: AccountClosure
    let cookies: SessionCookies
    let renderer: PageRenderer

    func addPublicRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/confidentialite", use: notice)
    }

    func addEmployeeRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/compte/mes-donnees", use: myDataPage)
        router.post("/compte/mes-donnees", use: download)
        router.get("/compte/fermer", use: closePage)
        router.post("/compte/fermer", use: close)
    }

    @Sendable func notice(_ request: Request, context: AppRequestContext) async throws -> HTML {
        HTML(body: renderer.render("privacy", title: "Politique de confidentialité", context: context,
                                   content: PrivacyNoticeView(configuration: renderer.configuration)))
    }

    // MARK: Mes données

    struct ReauthForm: Decodable {
        var password: String?
        var code: String?
    }

    struct MyDataPage {
        let perHour: Int
        let asksForCode: Bool
    }

    @Sendable func myDataPage(_ request: Request, context: AppRequestContext) async throws -> HTML {
        myData(context, user: try AuthGuard.user(context), errors: FormErrors())
    }

    @Sendable func download(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try AuthGuard.user(context)
        let form = try await FormBody.decode(ReauthForm.self, from: request, context: context)
        do {
            let archive = try await personalData.export(actor: user.actor(from: context.remoteAddress), password: form.password, code: form.code)
            return Self.zipResponse(archive)
        } catch let errors as FormErrors {
            let status: HTTPResponse.Status = errors["form"] == nil ? .unprocessableContent : .tooManyRequests
            return try myData(context, user: user, errors: errors, status: status).response(from: request, context: context)
        }
    }

    private func myData(_ context: AppRequestContext, user: UserRecord, errors: FormErrors, status: HTTPResponse.Status = .ok) -> HTML {
        let page = FormPage(context: context, errors: errors,
                            page: MyDataPage(perHour: PersonalData.exportsPerHour, asksForCode: user.hasSecondFactor))
        return HTML(body: renderer.render("my-data", title: "Mes données", context: context, content: page), status: status)
    }

    static func zipResponse(_ archive: PersonalData.Archive) -> Response {
        Response(status: .ok, headers: [
            .contentType: "application/zip",
            .contentDisposition: ContentDisposition.attachment(filename: archive.filename),
            .cacheControl: "private, no-store",
        ], body: .init(byteBuffer: ByteBuffer(bytes: archive.bytes)))
    }

    // MARK: Fermer mon compte

    struct CloseForm: Decodable {
        var password: String?
        var code: String?
        var acceptsLoss: String?
        var lossCents: String?
    }

    @Sendable func closePage(_ request: Request, context: AppRequestContext) async throws -> HTML {
        try await closing(context, errors: FormErrors())
    }

    @Sendable func close(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        let form = try await FormBody.decode(CloseForm.self, from: request, context: context)
        do {
            try await closure.close(actor: actor, password: form.password, code: form.code, confirmation: Self.confirmation(form.acceptsLoss, form.lossCents))
        } catch let errors as FormErrors {
            return try await closing(context, errors: errors, status: .unprocessableContent).response(from: request, context: context)
        }
        // The session's row is gone with the account; the browser forgets its cookie too.
        let page = MessagePage(title: "Compte fermé", message: "Votre compte a été fermé et vos données personnelles effacées. Un dernier e-mail vous le confirme.",
                               kind: "notice", link: MessagePage.Link(href: SiteURL.home.path, label: "Retour à l'accueil"))
        var response = try HTML(body: renderer.render("message", title: page.title, content: page)).response(from: request, context: context)
        response.setCookie(cookies.expired(cookies.sessionName))
        return response
    }

    static func confirmation(_ acceptsLoss: String?, _ lossCents: String?) -> AccountClosure.Confirmation {
        AccountClosure.Confirmation(acceptsLoss: acceptsLoss == "oui", lossCents: lossCents.flatMap { Int($0) })
    }

    struct ClosePage {
        let hasBalance: Bool
        let balance: String
        let balanceCents: Int
        let cards: String
        let asksForCode: Bool
    }

    private func closing(_ context: AppRequestContext, errors: FormErrors, status: HTTPResponse.Status = .ok) async throws -> HTML {
        guard let preview = try await closure.preview(actor: try AuthGuard.actor(context)) else { throw HTTPError(.notFound) }
        let cards = preview.cardsAtRisk == 1 ? "1 carte" : "\(preview.cardsAtRisk) cartes"
        let page = FormPage(context: context, errors: errors,
                            page: ClosePage(hasBalance: !preview.balanceAtRisk.isZero, balance: preview.balanceAtRisk.french,
                                            balanceCents: preview.balanceAtRisk.cents, cards: cards, asksForCode: preview.asksForCode))
        return HTML(body: renderer.render("account-close", title: "Fermer mon compte", context: context, content: page), status: status)
    }
}
