import BoutiqueCore
import BoutiqueShop
import Foundation
import Hummingbird

/// `/admin/equipe`: the platform's staff for the operator — every operator and manager with their
/// state, second factor and last login; inviting an operator or a CSE's manager; one member's page, where disabling,
/// enabling and resetting the second factor are each stated before the button that does it.
struct AdminStaffController {
    let staff: StaffAccounts
    let secondFactor: SecondFactor
    /// The CSEs a manager can be invited to.
    let tenants: TenantAdmin
    let renderer: PageRenderer

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/admin/equipe", use: list)
        router.post("/admin/equipe/operateurs", use: inviteOperator)
        router.post("/admin/equipe/gestionnaires", use: inviteManager)
        router.get("/admin/equipe/:id", use: member)
        router.post("/admin/equipe/:id/desactiver", use: disable)
        router.post("/admin/equipe/:id/reactiver", use: enable)
        router.post("/admin/equipe/:id/double-authentification/reinitialiser", use: resetSecondFactor)
    }

    static let notices = [
        "operateur": "L'opérateur est invité : il reçoit par e-mail le lien pour choisir son mot de passe.",
        "gestionnaire": "Le gestionnaire est invité : il reçoit par e-mail le lien pour choisir son mot de passe.",
        "desactive": "Le compte est désactivé : ses sessions sont fermées et ses liens ne fonctionnent plus.",
        "reactive": "Le compte est réactivé : son titulaire peut se connecter de nouveau.",
        "2fa": "La double authentification est réinitialisée : son titulaire la configurera de nouveau à sa prochaine connexion.",
    ]

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> HTML {
        try await listPage(context, notice: request.formQuery.get("ok").flatMap { Self.notices[$0] })
    }

    @Sendable func inviteOperator(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        let form = try await FormBody.decode(StaffAccounts.Form.self, from: request, context: context)
        do {
            _ = try await staff.inviteOperator(actor: actor, form: form, secondFactorRequired: secondFactor.policy.operatorsRequired)
        } catch let errors as FormErrors {
            let values = ["email": form.email, "firstName": form.firstName, "lastName": form.lastName].compactMapValues { $0 }
            return try await listPage(context, values: values, errors: errors, status: .unprocessableContent)
                .response(from: request, context: context)
        }
        return .seeOther(.adminStaff.notice("operateur"))
    }

    @Sendable func member(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let member = try await found(context)
        return memberPage(context, member: member, actor: try AuthGuard.actor(context), error: nil)
    }

    @Sendable func disable(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await change(request, context, disabled: true)
    }

    @Sendable func enable(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await change(request, context, disabled: false)
    }

    @Sendable func resetSecondFactor(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        let member = try await found(context)
        guard try await secondFactor.reset(actor: actor, userID: member.user.id) else {
            return try memberPage(context, member: member, actor: actor, error: StaffMessages.nothingToReset, status: .unprocessableContent)
                .response(from: request, context: context)
        }
        return .seeOther(.adminStaff.notice("2fa"))
    }

    private func change(_ request: Request, _ context: AppRequestContext, disabled: Bool) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        let member = try await found(context)
        let error: String? = switch try await staff.setDisabled(disabled, actor: actor, id: member.user.id) {
        case .changed, .unchanged: nil
        case .notFound: throw HTTPError(.notFound)
        case .yourself: StaffMessages.notYourself
        case .lastOperator: StaffMessages.lastOperator
        }
        if let error {
            return try memberPage(context, member: member, actor: actor, error: error, status: .unprocessableContent)
                .response(from: request, context: context)
        }
        return .seeOther(.adminStaff.notice(disabled ? "desactive" : "reactive"))
    }

    private func found(_ context: AppRequestContext) async throws -> StaffAccounts.Member {
        let actor = try AuthGuard.actor(context)
        guard let id = context.parameters.get("id", as: UUID.self),
              let member = try await staff.member(actor: actor, id: id, policy: secondFactor.policy) else {
            throw HTTPError(.notFound)
        }
        return member
    }

    /// The page; `values` and `errors` are the operator form's, `manager` the manager form's
    /// (two forms on one page, each showing only its own mistakes).
    func listPage(_ context: AppRequestContext, notice: String? = nil, values: [String: String] = [:],
                  errors: FormErrors = FormErrors(), manager: ManagerInvitationSection.Typed = .init(),
                  status: HTTPResponse.Status = .ok) async throws -> HTML {
        let members = try await staff.members(actor: try AuthGuard.actor(context), policy: secondFactor.policy)
        let rows = members.map(StaffRow.init)
        let section = ManagerInvitationSection(tenants: try await tenants.list(), typed: manager)
        let view = StaffPage(rows: rows, count: rows.count, operatorsRequired: secondFactor.policy.operatorsRequired,
                             lifetime: StaffAccounts.linkLifetime, manager: section)
        return HTML(body: renderer.render("admin-staff", title: "Équipe", context: context,
                                          content: FormPage(context: context, values: values, errors: errors, notice: notice, page: view)),
                    status: status)
    }

    private func memberPage(_ context: AppRequestContext, member: StaffAccounts.Member, actor: AccountActor, error: String?,
                            status: HTTPResponse.Status = .ok) -> HTML {
        let user = member.user
        let view = StaffMemberPage(row: StaffRow(member), isYourself: actor.id == user.id, isDisabled: user.status == .disabled,
                                   hasSecondFactor: user.hasSecondFactor)
        var errors = FormErrors()
        if let error { errors.add("form", error) }
        return HTML(body: renderer.render("admin-staff-member", title: view.row.name, context: context,
                                          content: FormPage(context: context, errors: errors, page: view)), status: status)
    }
}

struct StaffPage {
    let rows: [StaffRow]
    let count: Int
    let operatorsRequired: Bool
    let lifetime: String
    let manager: ManagerInvitationSection
}

struct StaffMemberPage {
    let row: StaffRow
    let isYourself: Bool
    let isDisabled: Bool
    let hasSecondFactor: Bool
}

/// One staff account, in words.
struct StaffRow {
    let id: String
    let name: String
    let email: String
    let role: String
    let status: String
    let secondFactor: String
    /// Required and not set up yet: shown as a warning.
    let secondFactorMissing: Bool
    let lastLogin: String

    init(_ member: StaffAccounts.Member) {
        let user = member.user
        id = user.id.uuidString
        name = user.displayName
        email = user.email
        role = user.role == .operator ? "Opérateur" : "Gestionnaire — \(user.tenant?.name ?? "CSE")"
        status = UserStatusLabel.label(user.status)
        secondFactorMissing = member.secondFactorRequired && !user.hasSecondFactor
        secondFactor = user.hasSecondFactor ? (member.secondFactorRequired ? "Activée (obligatoire)" : "Activée")
            : secondFactorMissing ? "Obligatoire, pas encore configurée" : "Non"
        lastLogin = member.lastLoginAt.map(FrenchDate.dateTime) ?? "Jamais"
    }
}
