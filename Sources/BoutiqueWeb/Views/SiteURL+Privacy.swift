import Foundation

extension SiteURL {
    static let privacy = SiteURL(path: "/confidentialite")
    static let myData = SiteURL(path: "/compte/mes-donnees")
    static let closeAccount = SiteURL(path: "/compte/fermer")
    static let adminEmployees = SiteURL(path: "/admin/salaries")
    static func adminEmployee(_ id: UUID) -> SiteURL { SiteURL(path: "/admin/salaries/\(id)") }
}
