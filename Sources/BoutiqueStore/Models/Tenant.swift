import BoutiqueCore
import FluentKit
import Foundation

/// A CSE: one works council hosted on the platform. Every tenant-owned row carries its id.
public final class Tenant: Model, @unchecked Sendable {
    public static let schema = "tenants"

    @ID(key: .id) public var id: UUID?
    /// The short name in the CSE's shop link: `/cse/alpha`.
    @Field(key: "slug") public var slug: String
    @Field(key: "name") public var name: String
    @Field(key: "contact_email") public var contactEmail: String
    /// Whether employees may pick this CSE on the registration form.
    @Field(key: "open_for_registration") public var openForRegistration: Bool
    /// A disabled CSE's shop is closed: nothing can be ordered.
    @Field(key: "is_enabled") public var isEnabled: Bool
    /// Limits, approval policy and branding, as JSON: see `TenantSettings`.
    @Field(key: "settings") public var settings: TenantSettings
    /// The current logo's version (`TenantLogo.version`); nil: no logo, the header shows the name.
    @OptionalField(key: "logo_version") public var logoVersion: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public init(id: UUID? = nil, slug: String, name: String, contactEmail: String,
                openForRegistration: Bool = true, isEnabled: Bool = true, settings: TenantSettings = TenantSettings()) {
        self.id = id
        self.slug = slug
        self.name = name
        self.contactEmail = contactEmail
        self.openForRegistration = openForRegistration
        self.isEnabled = isEnabled
        self.settings = settings
    }
}
