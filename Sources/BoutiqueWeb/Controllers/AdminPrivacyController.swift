import BoutiqueCore
import BoutiqueShop
import Foundation
import Hummingbird

/// The operator's side of the privacy rights: an employee who can no longer log in (or who asks
/// by letter) gets their data exported or their account closed from their page.
struct AdminPrivacyController {
    let personalData: PersonalData
    let closure: AccountClosure
    let renderer: PageRenderer

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/admin/salaries", use: search)
        router.get("/admin/salaries/:id", use: employee)
        router.post("/admin/salaries/:id/donnees", use: download)
        router.post("/admin/salaries/:id/fermer", use: close)
    }

    struct Employee {
        let id: String
        let name: String
        let email: String
        let cse: String
        let status: String
        let hasBalance: Bool
        let balance: String
        let balanceCents: Int
    }

    struct Page {
        let query: String
        let notFound: Bool
        let employee: Employee?
    }

    @Sendable func search(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let actor = try AuthGuard.actor(context)
        let query = request.formQuery.get("email") ?? ""
        let notice = request.formQuery.get("ok") == "ferme" ? "Le compte a été fermé et ses données personnelles effacées." : nil
        let found = query.isEmpty ? nil : try await closure.request(by: actor, email: query)
        return page(context, Page(query: query, notFound: !query.isEmpty && found == nil, employee: found.map(Self.view(of:))), notice: notice)
    }

    @Sendable func employee(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let found = try await requireEmployee(context)
        return page(context, Page(query: found.employee.email, notFound: false, employee: Self.view(of: found)))
    }

    @Sendable func download(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        let found = try await requireEmployee(context)
        do {
            guard let archive = try await personalData.export(by: actor, employeeID: found.employee.id) else { throw HTTPError(.notFound) }
            return PrivacyController.zipResponse(archive)
        } catch let errors as FormErrors {
            return try page(context, Page(query: found.employee.email, notFound: false, employee: Self.view(of: found)), errors: errors,
                            status: .tooManyRequests).response(from: request, context: context)
        }
    }

    struct CloseForm: Decodable {
        var acceptsLoss: String?
        var lossCents: String?
        var reason: String?
    }

    @Sendable func close(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        let found = try await requireEmployee(context)
        let form = try await FormBody.decode(CloseForm.self, from: request, context: context)
        do {
            guard try await closure.close(by: actor, employeeID: found.employee.id,
                                          confirmation: PrivacyController.confirmation(form.acceptsLoss, form.lossCents),
                                          reason: form.reason) else { throw HTTPError(.notFound) }
        } catch let errors as FormErrors {
            return try page(context, Page(query: found.employee.email, notFound: false, employee: Self.view(of: found)), errors: errors,
                            status: .unprocessableContent).response(from: request, context: context)
        }
        return .seeOther(SiteURL.adminEmployees.notice("ferme"))
    }

    private func requireEmployee(_ context: AppRequestContext) async throws -> AccountClosure.Request {
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let found = try await closure.request(by: try AuthGuard.actor(context), employeeID: id) else { throw HTTPError(.notFound) }
        return found
    }

    private func page(_ context: AppRequestContext, _ page: Page, errors: FormErrors = FormErrors(), notice: String? = nil,
                      status: HTTPResponse.Status = .ok) -> HTML {
        HTML(body: renderer.render("admin-employee", title: "Demandes RGPD", context: context,
                                   content: FormPage(context: context, errors: errors, notice: notice, page: page)), status: status)
    }

    static func view(of request: AccountClosure.Request) -> Employee {
        let balance = request.preview.balanceAtRisk
        return Employee(id: request.employee.id.uuidString, name: request.employee.displayName, email: request.employee.email,
                        cse: request.cseName ?? "", status: UserStatusLabel.label(request.employee.status), hasBalance: !balance.isZero,
                        balance: balance.french, balanceCents: balance.cents)
    }
}
