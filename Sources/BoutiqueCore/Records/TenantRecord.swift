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
            "commande max \(settings.maxOrderCents.map { Money(cents: $0).french } ?? "sans limite")",
            "plafond annuel \(settings.yearlyCapCents.map { Money(cents: $0).french } ?? "sans limite")",
            "\(settings.maxCartLines) lignes", settings.autoApproveWithKey ? "validation automatique" : "validation par le gestionnaire",
            settings.brandColor, isEnabled ? "actif" : "désactivé",
            openForRegistration ? "inscriptions ouvertes" : "inscriptions fermées",
            settings.managersNeedSecondFactor ? "double authentification obligatoire" : "double authentification facultative",
            settings.legalIdentity.map { "\($0.legalName), SIRET \($0.siret.grouped)" } ?? "identité juridique non renseignée",
        ].joined(separator: ", ")
    }

    public init(id: UUID, slug: String, name: String, contactEmail: String, openForRegistration: Bool, isEnabled: Bool, settings: TenantSettings, logoVersion: String?) {
        self.id = id
        self.slug = slug
        self.name = name
        self.contactEmail = contactEmail
        self.openForRegistration = openForRegistration
        self.isEnabled = isEnabled
        self.settings = settings
        self.logoVersion = logoVersion
    }
}
