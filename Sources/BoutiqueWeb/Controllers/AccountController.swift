import BoutiqueCore
import BoutiqueShop
import Foundation
import Hummingbird

/// Registration, e-mail verification, login and logout, password reset.
struct AccountController {
    let accounts: Accounts
    let secondFactor: SecondFactor
    let sessions: Sessions
    let cookies: SessionCookies
    let renderer: PageRenderer

    static let challengeCookie = "boutique_2fa"

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/compte/creer", use: registrationPage)
        router.post("/compte/creer", use: register)
        router.get("/compte/valider", use: verify)
        router.get("/connexion", use: loginPage)
        router.post("/connexion", use: login)
        router.get("/connexion/code", use: codePage)
        router.post("/connexion/code", use: code)
        router.post("/deconnexion", use: logout)
        router.get("/mot-de-passe/oubli", use: forgotPage)
        router.post("/mot-de-passe/oubli", use: forgot)
        router.get("/mot-de-passe/nouveau", use: resetPage)
        router.post("/mot-de-passe/nouveau", use: reset)
    }

    // MARK: Registration

    /// `?cse=alpha` (the CSE's shop links here) fixes the CSE; without it the visitor types its
    /// short name: no list of the platform's CSEs is shown.
    @Sendable func registrationPage(_ request: Request, context: AppRequestContext) async throws -> HTML {
        var form = RegistrationForm(identificationKey: "")
        form.cse = request.formQuery.get("cse")
        return try await registrationForm(context, form: form, errors: FormErrors())
    }

    @Sendable func register(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let form = try await FormBody.decode(RegistrationForm.self, from: request, context: context)
        do {
            if case .throttled(let text) = try await accounts.register(form, from: context.remoteAddress) {
                return throttled("Création de compte", text, context: context)
            }
        } catch let error as FormErrors {
            return try await registrationForm(context, form: form, errors: error, status: .unprocessableContent)
        }
        // The same page whether or not the address had an account (its owner was e-mailed).
        let message = MessagePage(title: "Création de compte", message: AccountMessages.registered, kind: "notice", link: nil)
        return HTML(body: renderer.render("message", title: "Création de compte", context: context, content: message))
    }

    private func registrationForm(_ context: AppRequestContext, form: RegistrationForm, errors: FormErrors,
                                  status: HTTPResponse.Status = .ok) async throws -> HTML {
        let chosen = try await Self.chosenTenant(form, among: accounts)
        let civilities = FieldRules.civilities.map { SelectOption(value: $0, label: $0, selected: $0 == form.civility) }
        let values = ["firstName": form.firstName, "lastName": form.lastName, "email": form.email, "phone": form.phone,
                      "identificationKey": form.identificationKey, "cse": form.cse].compactMapValues { $0 }
        let page = FormPage(context: context, values: values, errors: errors,
                            page: RegistrationPage(tenant: chosen.map { RegistrationPage.Tenant(id: $0.id.uuidString, name: $0.name) },
                                                   civilities: civilities))
        return HTML(body: renderer.render("register", title: "Je crée mon compte", context: context, content: page), status: status)
    }

    @Sendable func verify(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let token = request.formQuery.get("jeton") ?? ""
        let page: MessagePage = switch try await accounts.verifyEmail(token: token) {
        case .active: MessagePage(title: "Compte validé", message: AccountMessages.verifiedActive, kind: "notice",
                                  link: MessagePage.Link(href: SiteURL.login.path, label: "Me connecter"))
        case .pendingApproval: MessagePage(title: "Adresse e-mail validée", message: AccountMessages.verifiedPending, kind: "notice", link: nil)
        case .invalidLink: MessagePage(title: "Lien invalide", message: AccountMessages.linkInvalid, kind: "error", link: nil)
        }
        return HTML(body: renderer.render("message", title: page.title, context: context, content: page))
    }

    // MARK: Login

    struct LoginForm: Decodable {
        var email: String?
        var password: String?
        /// The page to go back to (`ReturnPath`), from the login page's address.
        var retour: String?
    }

    @Sendable func loginPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        if context.user != nil { return .seeOther(.account) }
        let back = ReturnPath(request.formQuery.get("retour"))
        return try loginForm(context, email: nil, message: nil, status: .ok, back: back).response(from: request, context: context)
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormBody.decode(LoginForm.self, from: request, context: context)
        // An empty field is a slip, not an attempt: say which one, count nothing.
        var missing = FormErrors()
        if (form.email ?? "").trimmingCharacters(in: .whitespaces).isEmpty { missing.add("email", "Saisissez votre adresse e-mail.") }
        if (form.password ?? "").isEmpty { missing.add("password", "Saisissez votre mot de passe.") }
        if !missing.isEmpty {
            return try loginForm(context, email: form.email, errors: missing, status: .unprocessableContent, back: ReturnPath(form.retour))
                .response(from: request, context: context)
        }
        switch try await accounts.login(email: form.email, password: form.password, from: context.remoteAddress) {
        case .refused(let message):
            return try loginForm(context, email: form.email, message: message, status: .unprocessableContent, back: ReturnPath(form.retour))
                .response(from: request, context: context)
        case .throttled(let message, let wait):
            var response = try loginForm(context, email: form.email, message: message, status: .tooManyRequests, back: ReturnPath(form.retour))
                .response(from: request, context: context)
            response.headers[.retryAfter] = String(max(1, wait.components.seconds))
            return response
        case .success(let user) where user.hasSecondFactor:
            // The password was right; the session waits for the authenticator's code.
            var response = Response.seeOther(.loginCode)
            response.setCookie(Cookie(name: Self.challengeCookie, value: try await secondFactor.challenge(for: user), maxAge: 300,
                                      path: "/connexion", secure: cookies.secure, httpOnly: true, sameSite: .lax))
            return response
        case .success(let user):
            return try await startSession(for: user, context: context, back: ReturnPath(form.retour))
        }
    }

    /// A new session id at login: a token planted before login is worth nothing after it.
    private func startSession(for user: UserRecord, context: AppRequestContext, back: ReturnPath? = nil) async throws -> Response {
        if let old = context.sessionIDHash { try await sessions.end(idHash: old) }
        let token = SecureToken.generate()
        try await sessions.start(idHash: SecureToken.hash(token), user: user)
        var response = back.map { Response(status: .seeOther, headers: [.location: $0.value]) } ?? Response.seeOther(Self.home(for: user))
        // The form token follows the new session (CSRFMiddleware binds a new one to it).
        response.setCookie(cookies.session(token))
        return response
    }

    struct CodeForm: Decodable { var code: String? }

    @Sendable func codePage(_ request: Request, context: AppRequestContext) async throws -> HTML {
        HTML(body: renderer.render("login-code", title: "Code de vérification", context: context, content: FormPage(context: context, page: ())))
    }

    @Sendable func code(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormBody.decode(CodeForm.self, from: request, context: context)
        let challenge = request.cookies[Self.challengeCookie]?.value ?? ""
        switch try await secondFactor.answer(challenge: challenge, code: form.code, from: context.remoteAddress) {
        case .success(let user):
            var response = try await startSession(for: user, context: context)
            response.setCookie(Cookie(name: Self.challengeCookie, value: "", maxAge: 0, path: "/connexion", secure: cookies.secure,
                                      httpOnly: true, sameSite: .lax))
            return response
        case .wrongCode:
            let page = FormPage(context: context, errors: FormErrors("code", "Code incorrect : saisissez le code à 6 chiffres affiché par votre application, ou un code de secours non utilisé."), page: ())
            return try HTML(body: renderer.render("login-code", title: "Code de vérification", context: context, content: page),
                            status: .unprocessableContent).response(from: request, context: context)
        case .expired:
            return try loginForm(context, email: nil, message: "Votre vérification a expiré : reconnectez-vous.", status: .unprocessableContent)
                .response(from: request, context: context)
        }
    }

    static func home(for user: UserRecord) -> SiteURL {
        switch user.role {
        case .employee: user.tenant.map { .tenantHome($0.slug) } ?? .account
        case .manager, .operator: .pendingAccounts
        }
    }

    private func loginForm(_ context: AppRequestContext, email: String?, message: String? = nil, errors fieldErrors: FormErrors = FormErrors(),
                           status: HTTPResponse.Status, back: ReturnPath? = nil) throws -> HTML {
        var errors = fieldErrors
        if let message { errors.add("form", message) }
        var values = ["email": email ?? ""]
        if let back { values["retour"] = back.value }
        let page = FormPage(context: context, values: values, errors: errors, page: ())
        return HTML(body: renderer.render("login", title: "Connexion", context: context, content: page), status: status)
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let idHash = context.sessionIDHash { try await sessions.end(idHash: idHash) }
        // Back to the CSE's own shop, where the employee came from, not the platform's page.
        var response = Response.seeOther(context.user?.tenant.map { .tenantHome($0.slug) } ?? .home)
        response.setCookie(cookies.expired(cookies.sessionName))
        // The till view's offline copy holds a card's number and PIN: it leaves with the session.
        response.headers[.clearSiteData] = #""cache", "storage""#
        return response
    }

    // MARK: Password reset

    struct ForgotForm: Decodable { var email: String? }
    struct ResetForm: Decodable {
        var token: String?
        var password: String?
        var passwordConfirmation: String?
    }

    @Sendable func forgotPage(_ request: Request, context: AppRequestContext) async throws -> HTML {
        HTML(body: renderer.render("forgot", title: "Mot de passe oublié", context: context, content: FormPage(context: context, page: ())))
    }

    @Sendable func forgot(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let form = try await FormBody.decode(ForgotForm.self, from: request, context: context)
        if case .throttled(let text) = try await accounts.requestPasswordReset(email: form.email, from: context.remoteAddress) {
            return throttled("Mot de passe oublié", text, context: context)
        }
        let page = MessagePage(title: "Mot de passe oublié", message: AccountMessages.resetRequested, kind: "notice", link: nil)
        return HTML(body: renderer.render("message", title: page.title, context: context, content: page))
    }

    /// Too many requests from this client (or for this address): 429 with the wait in French.
    private func throttled(_ title: String, _ text: String, context: AppRequestContext) -> HTML {
        let page = MessagePage(title: title, message: text, kind: "error", link: nil)
        return HTML(body: renderer.render("message", title: title, context: context, content: page), status: .tooManyRequests)
    }

    @Sendable func resetPage(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let token = request.formQuery.get("jeton") ?? ""
        guard try await accounts.isValidResetToken(token) else {
            let page = MessagePage(title: "Lien invalide", message: AccountMessages.linkInvalid, kind: "error",
                                   link: MessagePage.Link(href: SiteURL.passwordForgotten.path, label: "Demander un nouveau lien"))
            return HTML(body: renderer.render("message", title: page.title, context: context, content: page), status: .notFound)
        }
        let page = FormPage(context: context, values: ["token": token], page: ())
        return HTML(body: renderer.render("reset", title: "Nouveau mot de passe", context: context, content: page))
    }

    @Sendable func reset(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let form = try await FormBody.decode(ResetForm.self, from: request, context: context)
        let token = form.token ?? ""
        do {
            guard try await accounts.resetPassword(token: token, password: form.password, confirmation: form.passwordConfirmation,
                                                     from: context.remoteAddress) else {
                let page = MessagePage(title: "Lien invalide", message: AccountMessages.linkInvalid, kind: "error",
                                       link: MessagePage.Link(href: SiteURL.passwordForgotten.path, label: "Demander un nouveau lien"))
                return HTML(body: renderer.render("message", title: page.title, context: context, content: page), status: .notFound)
            }
        } catch let error as FormErrors {
            let page = FormPage(context: context, values: ["token": token], errors: error, page: ())
            return HTML(body: renderer.render("reset", title: "Nouveau mot de passe", context: context, content: page),
                        status: .unprocessableContent)
        }
        let page = MessagePage(title: "Mot de passe modifié", message: AccountMessages.passwordChanged + " Vous pouvez vous connecter.",
                               kind: "notice", link: MessagePage.Link(href: SiteURL.login.path, label: "Me connecter"))
        return HTML(body: renderer.render("message", title: page.title, context: context, content: page))
    }
}

struct RegistrationPage {
    struct Tenant {
        let id: String
        let name: String
    }

    /// The CSE the form is for, once known (from its shop's link or the form sent).
    let tenant: Tenant?
    let civilities: [SelectOption]
}

extension AccountController {
    /// The CSE open for registration that the form names, by id or short name.
    static func chosenTenant(_ form: RegistrationForm, among accounts: Accounts) async throws -> TenantRecord? {
        if let id = form.tenant.flatMap(UUID.init(uuidString:)), let found = try await accounts.registrationTenants().first(where: { $0.id == id }) {
            return found
        }
        return try await accounts.registrationTenant(slug: form.cse)
    }
}

/// A page that only says something: after registration, a verification, a reset request.
struct MessagePage {
    struct Link {
        let href: String
        let label: String
    }

    let title: String
    let message: String
    /// `notice` or `error`, the style of the message box.
    let kind: String
    let link: Link?
}
