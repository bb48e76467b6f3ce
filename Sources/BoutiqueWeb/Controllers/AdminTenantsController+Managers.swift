import BoutiqueShop
import Foundation
import Hummingbird

/// The « Gestionnaires » section of a CSE's page: the operator gives the CSE a manager (who gets
/// the link to choose a password by e-mail) or ends a manager's access.
extension AdminTenantsController {
    static let managerNotices = [
        "gestionnaire": "Le gestionnaire est ajouté : il reçoit par e-mail le lien pour choisir son mot de passe.",
        "retire": "L'accès du gestionnaire est retiré : son compte est désactivé et ses sessions sont fermées.",
    ]

    func addManagerRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.post("/admin/cse/:id/gestionnaires", use: addManager)
        router.get("/admin/cse/:id/gestionnaires/:manager/retirer", use: confirmRemoveManager)
        router.post("/admin/cse/:id/gestionnaires/:manager/retirer", use: removeManager)
    }

    /// What removing the manager does, before anything changes (its form posts the removal).
    @Sendable func confirmRemoveManager(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        let tenant = try await tenant(context)
        guard let managerID = context.parameters.get("manager", as: UUID.self),
              let manager = try await staff.managers(actor: actor, tenantID: tenant.id).first(where: { $0.id == managerID }) else {
            throw HTTPError(.notFound)
        }
        guard manager.status != .disabled else { return .seeOther(.adminTenant(tenant.id)) }
        let others = try await staff.managers(actor: actor, tenantID: tenant.id).filter { $0.id != managerID && $0.status != .disabled }
        let view = ManagerRemovalView(tenantID: tenant.id.uuidString, tenantName: tenant.name, id: manager.id.uuidString,
                                      name: manager.displayName, email: manager.email, isLast: others.isEmpty, csrf: context.csrfToken)
        return try HTML(body: renderer.render("manager-remove", title: "Retirer l'accès de \(manager.displayName)", context: context,
                                              content: view)).response(from: request, context: context)
    }

    @Sendable func addManager(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        let tenant = try await tenant(context)
        let tenantID = tenant.id
        let form = try await FormBody.decode(StaffAccounts.Form.self, from: request, context: context)
        do {
            _ = try await staff.addManager(actor: actor, tenant: tenant, form: form)
        } catch let error as FormErrors {
            let values = ["email": form.email, "firstName": form.firstName, "lastName": form.lastName].compactMapValues { $0 }
            let section = try await managersSection(context, tenantID: tenantID, values: values, errors: error)
            return try await settingsPage(context, tenant: tenant, values: TenantValues.of(tenant), managers: section,
                                          status: .unprocessableContent).response(from: request, context: context)
        }
        return .seeOther(.adminTenant(tenantID).notice("gestionnaire"))
    }

    @Sendable func removeManager(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        let tenantID = try await tenant(context).id
        guard let managerID = context.parameters.get("manager", as: UUID.self),
              try await staff.removeManager(actor: actor, tenantID: tenantID, userID: managerID) != nil else {
            throw HTTPError(.notFound)
        }
        return .seeOther(.adminTenant(tenantID).notice("retire"))
    }

    /// The CSE's managers and the add form, as typed when it was refused.
    func managersSection(_ context: AppRequestContext, tenantID: UUID, values: [String: String] = [:],
                         errors: FormErrors = FormErrors()) async throws -> ManagersSection {
        guard let actor = context.actor else { throw LoginRequired() }
        let rows = try await staff.managers(actor: actor, tenantID: tenantID).map { user in
            ManagerRow(id: user.id.uuidString, name: user.displayName, email: user.email,
                       status: user.status == .disabled ? "Accès retiré" : "Accès ouvert", canRemove: user.status != .disabled)
        }
        return ManagersSection(rows: rows, hasRows: !rows.isEmpty, values: values, errors: errors.messages, hasErrors: !errors.isEmpty,
                               formError: errors["form"], lifetime: StaffAccounts.linkLifetime)
    }
}

struct ManagersSection {
    let rows: [ManagerRow]
    let hasRows: Bool
    /// The add form: what was typed, and the French message of each wrong field.
    let values: [String: String]
    let errors: [String: String]
    let hasErrors: Bool
    let formError: String?
    /// How long the e-mailed link stays valid (« une heure »).
    let lifetime: String
}

struct ManagerRow {
    let id, name, email, status: String
    let canRemove: Bool
}

/// What `manager-remove.mustache` prints.
struct ManagerRemovalView {
    let tenantID, tenantName, id, name, email: String
    /// No other manager keeps access: nobody will validate the CSE's accounts.
    let isLast: Bool
    let csrf: String
}
