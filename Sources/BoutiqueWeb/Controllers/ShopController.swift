import BoutiqueCore
import BoutiqueShop
import Hummingbird

/// The public shop front: the platform's home, a CSE's home and the catalogue.
struct ShopController {
    let catalogue: Catalogue
    let renderer: PageRenderer

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/", use: home)
        router.get("/catalogue", use: publicCatalogue)
        router.get("/cse/:slug", use: tenantHome)
        router.get("/cse/:slug/catalogue", use: tenantCatalogue)
        router.get("/cse/:slug/theme.css", use: theme)
        router.get("/cgv", use: terms)
        router.get("/mentions-legales", use: legal)
    }

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let offers = try await catalogue.publicOffers()
        return HTML(body: renderer.render("home", title: "Accueil", context: context, content: HomeView(offers: offers, basePath: "")))
    }

    /// A logged-in employee sees their CSE's catalogue; a visitor the indicative one.
    @Sendable func publicCatalogue(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let slug = context.user?.tenant?.slug { return .seeOther(.tenantCatalogue(slug)) }
        let offers = try await catalogue.publicOffers()
        let view = CatalogueView(offers: offers, cseName: nil)
        return try HTML(body: renderer.render("catalogue", title: "Cartes cadeaux", context: context, content: view))
            .response(from: request, context: context)
    }

    @Sendable func legal(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let seller = renderer.configuration.shop.seller
        let view = LegalView(name: seller.name, legalForm: seller.legalForm, capital: seller.shareCapital.french, address: seller.addressLines,
                             siren: seller.siren, siret: seller.siret, rcs: seller.rcs, vat: seller.vatNumber, contact: seller.contact)
        return HTML(body: renderer.render("legal", title: "Mentions légales", context: context, content: view))
    }

    @Sendable func terms(_ request: Request, context: AppRequestContext) async throws -> HTML {
        HTML(body: renderer.render("cgv", title: "Conditions générales de vente", context: context, content: ["shop": renderer.configuration.shopName]))
    }

    @Sendable func tenantHome(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let tenant = try await requireTenant(context)
        let offers = try await catalogue.offers(for: tenant)
        let view = HomeView(offers: offers, basePath: SiteURL.tenantHome(tenant.slug).path, tenantSlug: tenant.slug)
        return HTML(body: renderer.render("home", title: tenant.name, context: context, tenant: Self.banner(tenant), content: view))
    }

    @Sendable func tenantCatalogue(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let tenant = try await requireTenant(context)
        let view = CatalogueView(offers: try await catalogue.offers(for: tenant), cseName: tenant.name)
        return HTML(body: renderer.render("catalogue", title: "Cartes cadeaux", context: context, tenant: Self.banner(tenant), content: view))
    }

    /// The CSE's brand colour as a stylesheet, so pages need no inline style under the CSP.
    @Sendable func theme(_ request: Request, context: AppRequestContext) async throws -> Response {
        let tenant = try await requireTenant(context)
        let color = BrandColor(tenant.settings.brandColor)?.hex ?? BrandColor.fallback.hex
        return Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=300"],
                        body: .init(byteBuffer: ByteBuffer(string: ":root { --brand: \(color); }\n")))
    }

    private func requireTenant(_ context: AppRequestContext) async throws -> TenantRecord {
        guard let slug = context.parameters.get("slug"), let tenant = try await catalogue.tenant(slug: slug) else {
            throw HTTPError(.notFound)
        }
        return tenant
    }

    static func banner(_ tenant: TenantRecord) -> TenantBanner { TenantBanner(slug: tenant.slug, name: tenant.name, logoVersion: tenant.logoVersion) }
}

struct LegalView {
    let name, legalForm, capital: String
    let address: [String]
    let siren, siret, rcs, vat: String
    let contact: String?
}
