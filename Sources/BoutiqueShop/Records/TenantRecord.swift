import BoutiqueCore
import BoutiqueStore
import Foundation

/// A CSE as the pages and the CLI see it: a plain value, read once, safe to keep and to share.
public struct TenantRecord: Sendable, Equatable {
    public let id: UUID
    /// The short name in the CSE's shop link: `/cse/alpha`.
    public let slug: String
    public let name: String
    public let contactEmail: String
    public let openForRegistration: Bool
    public let isEnabled: Bool
    public let settings: TenantSettings
    /// The current logo's version (part of its URL); nil: no logo.
    public let logoVersion: String?

    /// What the settings are, in words, for the audit log.
    public var settingsSummary: String {
        [
            "commande max \(settings.maxOrderCents.map { Money(cents: $0).guide } ?? "sans limite")",
            "plafond annuel \(settings.yearlyCapCents.map { Money(cents: $0).guide } ?? "sans limite")",
            "\(settings.maxCartLines) lignes", settings.autoApproveWithKey ? "validation automatique" : "validation par le gestionnaire",
            settings.brandColor, isEnabled ? "actif" : "désactivé",
            openForRegistration ? "inscriptions ouvertes" : "inscriptions fermées",
        ].joined(separator: ", ")
    }

    public init(_ tenant: Tenant) throws {
        id = try tenant.requireID()
        slug = tenant.slug
        name = tenant.name
        contactEmail = tenant.contactEmail
        openForRegistration = tenant.openForRegistration
        isEnabled = tenant.isEnabled
        settings = tenant.settings
        logoVersion = tenant.logoVersion
    }
}
