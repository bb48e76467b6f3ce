import Foundation
import Synchronization
import Mustache

/// Renders Mustache templates inside the shared layout.
///
/// Templates are parsed once at start-up; a page only fills a view model.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let configuration: WebConfiguration

    public init(configuration: WebConfiguration) async throws {
        let folder = URL(fileURLWithPath: configuration.resourcesFolder).appendingPathComponent("Templates").path
        library = try await MustacheLibrary(directory: folder)
        self.configuration = configuration
    }

    /// Renders `template` with `content` as the page's data, inside the layout. A logged-in
    /// user's pages carry their CSE's header unless `tenant` says otherwise.
    /// - Parameter refresh: a `<meta http-equiv="refresh">` value (« 3 », « 2;url=/… »): a page
    ///   that updates itself without JavaScript (the CSP allows no inline script).
    func render<Content>(_ template: String, title: String, context: AppRequestContext? = nil, tenant: TenantBanner? = nil,
                         refresh: String? = nil, content: Content) -> String {
        let banner = tenant ?? context?.user?.tenant.map { TenantBanner(slug: $0.slug, name: $0.name, logoVersion: $0.logoVersion) }
        let page = PageModel(title: title, refresh: refresh, shop: ShopHeader(configuration: configuration, tenant: banner, context: context),
                             content: content)
        // A missing template is a programming error caught by the tests, not a user input.
        return library.render(ReflectedObject.wrap(page) ?? page, withTemplate: template)
            ?? "<!doctype html><title>Erreur</title><p>Gabarit introuvable."
    }
}

/// Everything the layout prints around a page.
struct PageModel<Content> {
    let title: String
    let refresh: String?
    let shop: ShopHeader
    let content: Content
}

/// The header: the platform's or the CSE's name, its colour, the demo banner.
struct ShopHeader {
    let name: String
    let cseName: String?
    /// `/cse/alpha/theme.css` for a CSE's pages: the brand colour without inline styles (CSP).
    let themePath: String?
    /// `/cse/alpha/logo?v=…` when the CSE has a logo; its alternative text is the CSE's name.
    let logoPath: String?
    let homePath: String
    let cataloguePath: String
    let isDemo: Bool
    /// Outside the demo with the sandbox provider: no payment is real.
    let isTestPayments: Bool
    let year: Int
    /// "Mme Marie Dupont" when logged in.
    let userName: String?
    let isManager: Bool
    let isOperator: Bool
    let csrf: String

    init(configuration: WebConfiguration, tenant: TenantBanner?, context: AppRequestContext?) {
        userName = context?.user?.displayName
        isManager = context?.user?.role == .manager || context?.user?.role == .operator
        isOperator = context?.user?.role == .operator
        csrf = context?.csrfToken ?? ""
        name = configuration.shopName
        cseName = tenant?.name
        themePath = tenant.map { SiteURL.tenantTheme($0.slug).path }
        logoPath = tenant.flatMap { banner in banner.logoVersion.map { SiteURL.tenantLogo(banner.slug, version: $0).path } }
        homePath = (tenant.map { SiteURL.tenantHome($0.slug) } ?? .home).path
        cataloguePath = (tenant.map { SiteURL.tenantCatalogue($0.slug) } ?? .catalogue).path
        isDemo = configuration.isDemo
        isTestPayments = configuration.showsTestPaymentsBanner
        year = CurrentYear.value
    }
}

/// The CSE whose pages are shown.
struct TenantBanner {
    let slug: String
    let name: String
    /// The CSE's logo version, nil without a logo.
    var logoVersion: String? = nil
}

/// The year for the footer, computed at most once a minute: building a `Calendar` on every page
/// costs more than rendering the page's text.
enum CurrentYear {
    private static let cache = Mutex<(year: Int, until: Date)>((0, .distantPast))

    static var value: Int {
        cache.withLock { cache in
            let now = Date()
            if now >= cache.until {
                cache = (Calendar(identifier: .gregorian).component(.year, from: now), now.addingTimeInterval(60))
            }
            return cache.year
        }
    }
}
