import BoutiqueCore
import BoutiqueShop
import Hummingbird

/// "Mon compte" and "Gérez vos coordonnées": profile, password, e-mail address.
struct ProfileController {
    let accounts: Accounts
    let renderer: PageRenderer
    /// « Mon compte » shows the employee's cards and last orders (nil on the link routes).
    var history: OrderHistory? = nil
    var cards: MyCards? = nil

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/compte", use: home)
        router.get("/compte/coordonnees", use: profilePage)
        router.post("/compte/coordonnees", use: saveProfile)
        router.post("/compte/mot-de-passe", use: changePassword)
        router.post("/compte/email", use: changeEmail)
    }

    /// The link of the e-mail change's message works without a session (another device).
    func addLinkRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/compte/email/confirmer", use: confirmEmail)
    }

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let user = try AuthGuard.user(context)
        var home = AccountHome(name: user.displayName, isManager: user.role != .employee)
        if user.role == .employee {
            let actor = user.actor(from: context.remoteAddress)
            let active = try await cards?.list(actor: actor, filter: .active) ?? []
            let orders = try await history?.orders(actor: actor) ?? []
            home.show(cards: active, orders: orders)
        }
        return HTML(body: renderer.render("account", title: "Mon compte", context: context, content: home))
    }

    @Sendable func profilePage(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let user = try AuthGuard.user(context)
        let notice = request.formQuery.get("ok").flatMap(Self.notices.get)
        return profile(context, user: user, values: Self.values(of: user), errors: FormErrors(), notice: notice)
    }

    @Sendable func saveProfile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try AuthGuard.user(context)
        let form = try await FormBody.decode(ProfileForm.self, from: request, context: context)
        let actor = user.actor(from: context.remoteAddress)
        do {
            try await accounts.updateProfile(actor: actor, form: form)
        } catch let error as FormErrors {
            let values = ["civility": form.civility, "firstName": form.firstName, "lastName": form.lastName, "phone": form.phone]
                .compactMapValues { $0 }
            return try profile(context, user: user, values: values, errors: error, status: .unprocessableContent)
                .response(from: request, context: context)
        }
        return .seeOther(.profile.notice("coordonnees"))
    }

    struct PasswordForm: Decodable {
        var currentPassword: String?
        var password: String?
        var passwordConfirmation: String?
    }

    @Sendable func changePassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try AuthGuard.user(context)
        let form = try await FormBody.decode(PasswordForm.self, from: request, context: context)
        let actor = user.actor(from: context.remoteAddress)
        do {
            try await accounts.changePassword(actor: actor, current: form.currentPassword, new: form.password,
                                              confirmation: form.passwordConfirmation, keepSession: context.sessionIDHash)
        } catch let error as FormErrors {
            return try profile(context, user: user, values: Self.values(of: user), errors: error, status: .unprocessableContent)
                .response(from: request, context: context)
        }
        return .seeOther(.profile.notice("mot-de-passe"))
    }

    struct EmailForm: Decodable {
        var newEmail: String?
        var emailPassword: String?
    }

    @Sendable func changeEmail(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try AuthGuard.user(context)
        let form = try await FormBody.decode(EmailForm.self, from: request, context: context)
        let actor = user.actor(from: context.remoteAddress)
        do {
            try await accounts.requestEmailChange(actor: actor, newEmail: form.newEmail, password: form.emailPassword)
        } catch let error as FormErrors {
            var values = Self.values(of: user)
            values["newEmail"] = form.newEmail ?? ""
            return try profile(context, user: user, values: values, errors: error, status: .unprocessableContent)
                .response(from: request, context: context)
        }
        return .seeOther(.profile.notice("email"))
    }

    @Sendable func confirmEmail(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let confirmed = try await accounts.confirmEmailChange(token: request.formQuery.get("jeton") ?? "",
                                                            from: context.remoteAddress)
        let page = confirmed
            ? MessagePage(title: "Adresse confirmée", message: AccountMessages.emailChanged, kind: "notice",
                          link: MessagePage.Link(href: SiteURL.account.path, label: "Mon compte"))
            : MessagePage(title: "Lien invalide", message: AccountMessages.linkInvalid, kind: "error", link: nil)
        return HTML(body: renderer.render("message", title: page.title, context: context, content: page),
                    status: confirmed ? .ok : .notFound)
    }

    private func profile(_ context: AppRequestContext, user: UserRecord, values: [String: String], errors: FormErrors,
                         notice: String? = nil, status: HTTPResponse.Status = .ok) -> HTML {
        let civilities = FieldRules.civilities.map { SelectOption(value: $0, label: $0, selected: $0 == values["civility"]) }
        let page = FormPage(context: context, values: values, errors: errors, notice: notice,
                            page: ProfilePage(email: user.email, pendingEmail: user.pendingEmail, civilities: civilities,
                                              cseName: user.tenant?.name))
        return HTML(body: renderer.render("profile", title: "Gérez vos coordonnées", context: context, content: page), status: status)
    }

    static func values(of user: UserRecord) -> [String: String] {
        ["civility": user.civility, "firstName": user.firstName, "lastName": user.lastName, "phone": user.phone]
    }

    static let notices = [
        "coordonnees": AccountMessages.profileSaved,
        "mot-de-passe": AccountMessages.passwordChanged,
        "email": AccountMessages.emailChangeRequested,
    ]
}

extension Dictionary {
    func get(_ key: Key) -> Value? { self[key] }
}

/// « Mon compte » as a dashboard: the cards to spend with their balances, the last orders with
/// where they stand, then the shortcuts.
struct AccountHome {
    struct Card { let id, product, masked, balance, lastDay: String }
    struct Order { let id, reference, total, status, statusClass: String }

    let name: String
    let isManager: Bool
    var cards: [Card] = []
    var totalBalance: String?
    var moreCards = false
    var orders: [Order] = []
    var hasCards = false
    var hasOrders = false

    init(name: String, isManager: Bool) {
        self.name = name
        self.isManager = isManager
    }

    mutating func show(cards active: [MyCards.Card], orders recent: [OrderRecord]) {
        cards = active.prefix(4).map {
            Card(id: $0.id.uuidString, product: $0.productName, masked: $0.masked, balance: $0.balance.french, lastDay: $0.lastDay.french)
        }
        moreCards = active.count > 4
        totalBalance = active.isEmpty ? nil : Money(cents: active.reduce(0) { $0 + $1.balance.cents }).french
        orders = recent.prefix(3).map {
            Order(id: $0.id.uuidString, reference: $0.reference, total: Money(cents: $0.totalCents).french, status: $0.status.label,
                  statusClass: "status-\($0.status.rawValue)")
        }
        hasCards = !cards.isEmpty
        hasOrders = !orders.isEmpty
    }
}

struct ProfilePage {
    let email: String
    let pendingEmail: String?
    let civilities: [SelectOption]
    let cseName: String?
}
