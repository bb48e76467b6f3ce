import Foundation
import Hummingbird

/// The shop's pages as values: handlers redirect and link through these, so a page's address is
/// written once, beside the others, and a typo is a compile error rather than a 404.
struct SiteURL: Sendable, Equatable, CustomStringConvertible {
    let path: String

    var description: String { path }

    /// The same page saying what just happened: `?ok=<code>` picks its notice.
    func notice(_ code: String) -> SiteURL { SiteURL(path: path + "?ok=" + code) }

    // Everyone's pages.
    static let home = SiteURL(path: "/")
    static let login = SiteURL(path: "/connexion")
    static let loginCode = SiteURL(path: "/connexion/code")
    static let passwordForgotten = SiteURL(path: "/mot-de-passe/oubli")
    static func tenantHome(_ slug: String) -> SiteURL { SiteURL(path: "/cse/\(slug)") }
    static func tenantCatalogue(_ slug: String) -> SiteURL { SiteURL(path: "/cse/\(slug)/catalogue") }
    static func tenantTheme(_ slug: String) -> SiteURL { SiteURL(path: "/cse/\(slug)/theme.css") }
    static func tenantLogo(_ slug: String, version: String) -> SiteURL { SiteURL(path: "/cse/\(slug)/logo?v=\(version)") }
    static let catalogue = SiteURL(path: "/catalogue")

    // A logged-in user's space.
    static let account = SiteURL(path: "/compte")
    static let profile = SiteURL(path: "/compte/coordonnees")
    static let security = SiteURL(path: "/compte/securite")
    static func card(_ id: UUID) -> SiteURL { SiteURL(path: "/compte/cartes/\(id)") }

    // The employee's purchase.
    static let cart = SiteURL(path: "/panier")
    static func orderPayment(_ id: UUID) -> SiteURL { SiteURL(path: "/commandes/\(id)/paiement") }

    // The manager's console.
    static let pendingAccounts = SiteURL(path: "/gestion/comptes")
    static let employees = SiteURL(path: "/gestion/salaries")
    static let keys = SiteURL(path: "/gestion/cles")
    static let managerDotations = SiteURL(path: "/gestion/dotations")
    static func managerDotation(_ id: UUID) -> SiteURL { SiteURL(path: "/gestion/dotations/\(id)") }

    // The operator's console.
    static let adminOrders = SiteURL(path: "/admin/commandes")
    static func adminOrder(_ id: UUID) -> SiteURL { SiteURL(path: "/admin/commandes/\(id)") }
    static let adminDotations = SiteURL(path: "/admin/dotations")
    static func adminDotation(_ id: UUID) -> SiteURL { SiteURL(path: "/admin/dotations/\(id)") }
    static func adminTenant(_ id: UUID) -> SiteURL { SiteURL(path: "/admin/cse/\(id)") }
    static let adminStaff = SiteURL(path: "/admin/equipe")
    static let adminProducts = SiteURL(path: "/admin/produits")
    static func adminProduct(_ id: UUID) -> SiteURL { SiteURL(path: "/admin/produits/\(id)") }
    static let adminPOS = SiteURL(path: "/admin/caisses")
    static let adminJobs = SiteURL(path: "/admin/travaux")
}

extension Response {
    /// After a form: the browser goes to `url` with a GET.
    static func seeOther(_ url: SiteURL) -> Response { seeOther(url.path) }
}
