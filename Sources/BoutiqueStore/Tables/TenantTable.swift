import BoutiqueCore
import FluentKit
import Foundation

/// The `tenants` table: the CSEs. A CSE row is the scope itself, so reading one's own CSE takes
/// the scope; the operator's lists run across every CSE.
public struct TenantTable: Sendable {
    let db: any Database

    /// The scope's CSE (nil only if it was deleted meanwhile).
    public func find(_ scope: TenantScope) async throws -> TenantRecord? {
        try await Tenant.find(scope.tenantID, on: db).map(TenantRecord.init)
    }

    /// The CSE whose shop link's short name is `slug` (as given: callers lower-case it), enabled or not.
    public func find(slug: String) async throws -> TenantRecord? {
        try await Tenant.query(on: db).filter(\.$slug == slug).first().map(TenantRecord.init)
    }

    /// The enabled CSE whose shop link's short name is `slug`: a CSE's public pages.
    public func enabled(slug: String) async throws -> TenantRecord? {
        try await Tenant.query(on: db).filter(\.$slug == slug).filter(\.$isEnabled == true).first().map(TenantRecord.init)
    }

    /// Every CSE by name: the operator's list.
    public func allAcrossTenants() async throws -> [TenantRecord] {
        try await Tenant.query(on: db).sort(\.$name).all().map(TenantRecord.init)
    }

    /// How many CSEs the platform hosts (the demo loads only into an empty one).
    public func countAcrossTenants() async throws -> Int {
        try await Tenant.query(on: db).count()
    }

    /// A new CSE, enabled and open for registration, with `settings`.
    public func create(slug: String, name: String, contactEmail: String, settings: TenantSettings = TenantSettings()) async throws -> TenantRecord {
        let tenant = Tenant(slug: slug, name: name, contactEmail: contactEmail, settings: settings)
        try await tenant.create(on: db)
        return try TenantRecord(tenant)
    }

    /// Replaces the scope's CSE's name, contact, registration and shop switches and settings.
    /// - Returns: the CSE as saved; nil when it does not exist.
    public func update(_ scope: TenantScope, name: String, contactEmail: String, openForRegistration: Bool, isEnabled: Bool,
                       settings: TenantSettings) async throws -> TenantRecord? {
        guard let tenant = try await Tenant.find(scope.tenantID, on: db) else { return nil }
        tenant.name = name
        tenant.contactEmail = contactEmail
        tenant.openForRegistration = openForRegistration
        tenant.isEnabled = isEnabled
        tenant.settings = settings
        try await tenant.save(on: db)
        return try TenantRecord(tenant)
    }

    /// Sets the version of the scope's CSE's logo (nil: none, the header shows the name).
    public func setLogoVersion(_ version: String?, of scope: TenantScope) async throws {
        guard let tenant = try await Tenant.find(scope.tenantID, on: db) else { return }
        tenant.logoVersion = version
        try await tenant.save(on: db)
    }
}

extension Tables {
    public var tenants: TenantTable { TenantTable(db: db) }
}
