import BoutiqueCore
import BoutiqueShop
import Foundation
import Hummingbird

/// `/admin/cse`: the operator creates CSEs and sets their limits, approval rule, branding and
/// products with their discounts.
struct AdminTenantsController {
    let tenants: TenantAdmin
    let staff: StaffAccounts
    let renderer: PageRenderer

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/admin/cse", use: list)
        router.post("/admin/cse", use: create)
        router.get("/admin/cse/:id", use: show)
        router.post("/admin/cse/:id", use: update)
        router.post("/admin/cse/:id/produits", use: updateOffers)
        addManagerRoutes(to: router)
        addLogoRoutes(to: router)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> HTML {
        _ = try AuthGuard.user(context)
        return try await listPage(context, values: [:], errors: FormErrors())
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        let form = try await FormBody.decode(TenantAdmin.NewTenant.self, from: request, context: context)
        do {
            let tenant = try await tenants.create(actor: actor, form)
            return .seeOther(.adminTenant(tenant.id).notice("cree"))
        } catch let errors as FormErrors {
            let values = ["name": form.name, "slug": form.slug, "contactEmail": form.contactEmail].compactMapValues { $0 }
            return try await listPage(context, values: values, errors: errors, status: .unprocessableContent).response(from: request, context: context)
        }
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> HTML {
        _ = try AuthGuard.user(context)
        let tenant = try await tenant(context)
        let notice = request.formQuery.get("ok").flatMap {
            ["cree": "Le CSE a été créé : choisissez ses produits.", "enregistre": "Les réglages sont enregistrés.",
             "produits": "Les produits et remises sont enregistrés."][$0] ?? Self.managerNotices[$0] ?? Self.logoNotices[$0]
        }
        return try await settingsPage(context, tenant: tenant, values: TenantValues.of(tenant), notice: notice)
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        let tenant = try await tenant(context)
        let form = try await FormBody.decode(TenantAdmin.SettingsForm.self, from: request, context: context)
        do {
            guard try await tenants.update(actor: actor, tenant.id, with: form) != nil else { throw HTTPError(.notFound) }
        } catch let errors as FormErrors {
            return try await settingsPage(context, tenant: tenant, values: TenantValues.of(form), errors: errors, status: .unprocessableContent)
                .response(from: request, context: context)
        }
        return .seeOther(.adminTenant(tenant.id).notice("enregistre"))
    }

    /// Fields `enabled-<product id>` (checkbox) and `discount-<product id>` for every product.
    @Sendable func updateOffers(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        let tenant = try await tenant(context)
        let tenantID = tenant.id
        let fields = try await FormFields.decode(from: request, context: context)
        let products = try await tenants.offers(tenantID: tenantID).products
        let choices = products.map { product in
            TenantAdmin.ProductChoice(productID: product.id, isEnabled: fields["enabled-\(product.id.uuidString)"] == "on",
                                      discount: fields["discount-\(product.id.uuidString)"] ?? "")
        }
        do {
            try await tenants.saveOffers(actor: actor, tenantID: tenantID, choices: choices)
        } catch let errors as FormErrors {
            return try await settingsPage(context, tenant: tenant, values: TenantValues.of(tenant), offerFields: fields, errors: errors,
                                          status: .unprocessableContent).response(from: request, context: context)
        }
        return .seeOther(.adminTenant(tenantID).notice("produits"))
    }

    func tenant(_ context: AppRequestContext) async throws -> TenantRecord {
        guard let id = context.parameters.get("id", as: UUID.self), let tenant = try await tenants.find(id) else { throw HTTPError(.notFound) }
        return tenant
    }

    private func listPage(_ context: AppRequestContext, values: [String: String], errors: FormErrors,
                          status: HTTPResponse.Status = .ok) async throws -> HTML {
        let rows = try await tenants.list().map { tenant in
            TenantRow(id: tenant.id.uuidString, name: tenant.name, slug: tenant.slug, email: tenant.contactEmail,
                      state: tenant.isEnabled ? "Actif" : "Désactivé", registration: tenant.openForRegistration ? "Ouvertes" : "Fermées")
        }
        let view = FormPage(context: context, values: values, errors: errors, page: ["rows": rows])
        return HTML(body: renderer.render("admin-tenants", title: "CSE", context: context, content: view), status: status)
    }

    func settingsPage(_ context: AppRequestContext, tenant: TenantRecord, values: [String: String], offerFields: [String: String]? = nil,
                      errors: FormErrors = FormErrors(), notice: String? = nil, managers: ManagersSection? = nil,
                      logoError: String? = nil, status: HTTPResponse.Status = .ok) async throws -> HTML {
        let tenantID = tenant.id
        let (products, rows) = try await tenants.offers(tenantID: tenantID)
        let offers = products.map { product in
            let id = product.id.uuidString
            let row = rows[product.id]
            return TenantOfferRow(id: id, name: product.name, retailer: product.retailer,
                                  defaultRate: FieldText.percent(product.defaultDiscountBasisPoints),
                                  isEnabled: offerFields.map { $0["enabled-\(id)"] == "on" } ?? (row?.isEnabled ?? false),
                                  discount: offerFields?["discount-\(id)"] ?? FieldText.percent(row?.discountBasisPoints),
                                  error: errors["discount-\(id)"])
        }
        let section = if let managers { managers } else { try await managersSection(context, tenantID: tenantID) }
        let page = TenantSettingsPage(id: tenantID.uuidString, slug: tenant.slug, title: tenant.name, offers: offers,
                                      approvalKey: values["approval"] == "key", hasProducts: !offers.isEmpty, managers: section,
                                      logo: try await logoSection(tenant, error: logoError))
        let view = FormPage(context: context, values: values, errors: errors, notice: notice, page: page)
        return HTML(body: renderer.render("admin-tenant", title: "CSE \(tenant.name)", context: context, content: view), status: status)
    }
}

struct TenantRow {
    let id, name, slug, email, state, registration: String
}

struct TenantSettingsPage {
    let id, slug, title: String
    let offers: [TenantOfferRow]
    let approvalKey: Bool
    let hasProducts: Bool
    let managers: ManagersSection
    let logo: LogoSection
}

struct TenantOfferRow {
    let id, name, retailer, defaultRate: String
    let isEnabled: Bool
    let discount: String
    let error: String?
}

/// The settings form's values, from the stored CSE or as typed.
enum TenantValues {
    static func of(_ tenant: TenantRecord) -> [String: String] {
        var values = ["name": tenant.name, "contactEmail": tenant.contactEmail,
                      "maxOrder": FieldText.euros(tenant.settings.maxOrderCents), "yearlyCap": FieldText.euros(tenant.settings.yearlyCapCents),
                      "maxCartLines": String(tenant.settings.maxCartLines), "brandColor": tenant.settings.brandColor,
                      "approval": tenant.settings.autoApproveWithKey ? "key" : "manager"]
        if tenant.openForRegistration { values["openForRegistration"] = "on" }
        if tenant.isEnabled { values["isEnabled"] = "on" }
        if tenant.settings.managersNeedSecondFactor { values["managersSecondFactor"] = "on" }
        if let identity = tenant.settings.legalIdentity {
            values["legalName"] = identity.legalName
            values["legalAddress"] = identity.addressLines.joined(separator: "\n")
            values["siret"] = identity.siret.grouped
        }
        return values
    }

    static func of(_ form: TenantAdmin.SettingsForm) -> [String: String] {
        ["name": form.name, "contactEmail": form.contactEmail, "maxOrder": form.maxOrder, "yearlyCap": form.yearlyCap,
         "maxCartLines": form.maxCartLines, "brandColor": form.brandColor, "approval": form.approval,
         "openForRegistration": form.openForRegistration, "isEnabled": form.isEnabled, "managersSecondFactor": form.managersSecondFactor,
         "legalName": form.legalName, "legalAddress": form.legalAddress, "siret": form.siret].compactMapValues { $0 }
    }
}
