import BoutiqueCore
import BoutiqueShop
import Foundation
import Hummingbird

/// « Inviter un gestionnaire » on the staff page: the operator picks the CSE and gives the
/// person's e-mail and names. The invitation is the CSE page's (`StaffAccounts.addManager`: the
/// account, the e-mailed link and the audit entry in one transaction); only the CSE comes from a
/// select here instead of the page's address.
extension AdminStaffController {
    struct ManagerInvitationForm: Decodable {
        var tenant: String?
        var email: String?
        var firstName: String?
        var lastName: String?
    }

    @Sendable func inviteManager(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        let posted = try await FormBody.decode(ManagerInvitationForm.self, from: request, context: context)
        do {
            guard let id = posted.tenant.flatMap(UUID.init(uuidString:)), let tenant = try await tenants.find(id) else {
                throw FormErrors("tenant", StaffMessages.tenantMissing)
            }
            let form = StaffAccounts.Form(email: posted.email, firstName: posted.firstName, lastName: posted.lastName)
            _ = try await staff.addManager(actor: actor, tenant: tenant, form: form)
        } catch let errors as FormErrors {
            let values = ["tenant": posted.tenant, "email": posted.email, "firstName": posted.firstName, "lastName": posted.lastName]
                .compactMapValues { $0 }
            return try await listPage(context, manager: .init(values: values, errors: errors), status: .unprocessableContent)
                .response(from: request, context: context)
        }
        return .seeOther(.adminStaff.notice("gestionnaire"))
    }
}

/// The manager invitation form of `admin-staff.mustache`: the CSEs to choose from, and what was
/// typed with the French message of each wrong field when it was refused.
struct ManagerInvitationSection {
    /// What the operator sent, kept apart from the operator form's.
    struct Typed {
        var values: [String: String] = [:]
        var errors = FormErrors()
    }

    let tenants: [SelectOption]
    let values: [String: String]
    let errors: [String: String]
    let managerFormError: String?

    init(tenants: [TenantRecord], typed: Typed) {
        self.tenants = tenants.map { SelectOption(value: $0.id.uuidString, label: $0.name, selected: $0.id.uuidString == typed.values["tenant"]) }
        values = typed.values
        errors = typed.errors.messages
        managerFormError = typed.errors["form"]
    }
}
