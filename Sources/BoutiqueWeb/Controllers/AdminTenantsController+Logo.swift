import BoutiqueCore
import BoutiqueShop
import Foundation
import Hummingbird

/// The « Logo » section of a CSE's page: the operator uploads the CSE's logo (PNG or JPEG,
/// 200 KB at most), replaces or removes it; the CSE's shop header shows it.
extension AdminTenantsController {
    static let logoNotices = [
        "logo": "Le logo est enregistré : il apparaît dans l'en-tête de la boutique du CSE.",
        "logo-retire": "Le logo est retiré : la boutique affiche le nom du CSE.",
    ]

    func addLogoRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.post("/admin/cse/:id/logo", use: uploadLogo)
        router.post("/admin/cse/:id/logo/retirer", use: removeLogo)
    }

    @Sendable func uploadLogo(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        let tenant = try await tenant(context)
        let tenantID = tenant.id
        do {
            try await tenants.logos.upload(actor: actor, tenantID: tenantID, bytes: try await Self.logoFile(request, context: context))
        } catch let errors as FormErrors {
            return try await settingsPage(context, tenant: tenant, values: TenantValues.of(tenant), logoError: errors["logo"],
                                          status: .unprocessableContent).response(from: request, context: context)
        }
        return .seeOther(.adminTenant(tenantID).notice("logo"))
    }

    @Sendable func removeLogo(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        let tenant = try await tenant(context)
        let tenantID = tenant.id
        _ = try await tenants.logos.remove(actor: actor, tenantID: tenantID)
        return .seeOther(.adminTenant(tenantID).notice("logo-retire"))
    }

    /// The bytes of the form's `logo` file; none when the form has no file.
    static func logoFile(_ request: Request, context: AppRequestContext) async throws -> [UInt8] {
        guard let boundary = MultipartForm.boundary(of: request.headers[.contentType]) else { return [] }
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        guard let form = MultipartForm(body: body, boundary: boundary) else { throw HTTPError(.badRequest) }
        return form.field("logo")?.bytes ?? []
    }

    /// The current logo, if any, and the reason the last file was refused.
    func logoSection(_ tenant: TenantRecord, error: String?) async throws -> LogoSection {
        let summary = try await tenants.logos.summary(tenantID: tenant.id)
        return LogoSection(hasLogo: summary != nil, path: summary.map { SiteURL.tenantLogo(tenant.slug, version: $0.version).path } ?? "", alt: tenant.name,
                           description: summary.map { "\($0.format.label), \($0.width) × \($0.height) pixels, \(($0.byteCount + 1023) / 1024) Ko" } ?? "",
                           maxSize: "\(TenantLogos.maxBytes / 1024) Ko", error: error)
    }
}

/// What `admin-tenant-logo.mustache` prints.
struct LogoSection {
    let hasLogo: Bool
    let path, alt, description, maxSize: String
    let error: String?
}
