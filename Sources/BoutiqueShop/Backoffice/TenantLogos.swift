import BoutiqueCore
import BoutiqueStore
import Crypto
import Foundation

/// The operator gives a CSE a logo for its shop's header, replaces or removes it; the shop serves
/// it by the CSE's link. A file is accepted only when its own bytes say PNG or JPEG, it weighs
/// 200 KB at most and its pixel size is that of a logo; a refused file changes nothing.
public struct TenantLogos: Sendable {
    public static let maxBytes = 200 * 1024
    /// Pixels per side: smaller is not a logo, larger is a photograph (or a decompression bomb).
    public static let sides = 16...2_000

    /// A logo as served.
    public struct Stored: Sendable {
        public let contentType: String
        public let bytes: [UInt8]
        public let version: String
    }

    let database: BoutiqueDatabase

    public init(database: BoutiqueDatabase) { self.database = database }

    /// Checks the file, then replaces the CSE's logo and its version in one transaction.
    /// - Throws: `FormErrors` on `logo` with the French reason; nothing is written then.
    @discardableResult
    public func upload(actor: AccountActor, tenantID: UUID, bytes: [UInt8]) async throws -> LogoImage {
        guard actor.role == .operator else { throw FormErrors("logo", "Réservé à l'opérateur.") }
        let image = try Self.check(bytes)
        let version = String(SHA256.hash(data: bytes).withUnsafeBytes { Hex.lowercase($0) }.prefix(16))
        let scope = TenantScope(operatorChoice: tenantID)
        try await database.transaction { tables in
            guard let tenant = try await tables.tenants.find(scope) else { throw FormErrors("logo", "CSE introuvable.") }
            try await tables.tenantLogos.replace(with: TenantLogoTable.Logo(contentType: image.format.contentType, bytes: bytes,
                                                                             width: image.width, height: image.height, version: version),
                                                 in: scope)
            try await tables.tenants.setLogoVersion(version, of: scope)
            try await AuditLog.record(.tenantLogoChanged, by: actor, target: tenant.slug, tenantID: tenantID,
                                      details: "\(image.format.label) \(image.width) × \(image.height)", in: tables)
        }
        return image
    }

    /// Removes the CSE's logo: its header shows the name alone again.
    /// - Returns: false when it had none.
    public func remove(actor: AccountActor, tenantID: UUID) async throws -> Bool {
        guard actor.role == .operator else { return false }
        let scope = TenantScope(operatorChoice: tenantID)
        return try await database.transaction { tables in
            guard let tenant = try await tables.tenants.find(scope), tenant.logoVersion != nil else { return false }
            try await tables.tenantLogos.remove(in: scope)
            try await tables.tenants.setLogoVersion(nil, of: scope)
            try await AuditLog.record(.tenantLogoRemoved, by: actor, target: tenant.slug, tenantID: tenantID, in: tables)
            return true
        }
    }

    /// The logo of the CSE whose link is `slug`, for everyone: it is on the CSE's public pages.
    public func logo(slug: String) async throws -> Stored? {
        let tables = database.tables
        guard let tenant = try await tables.tenants.find(slug: slug.lowercased()),
              let logo = try await tables.tenantLogos.logo(in: TenantScope(shopOf: tenant.id)) else { return nil }
        return Stored(contentType: logo.contentType, bytes: logo.bytes, version: logo.version)
    }

    /// What the CSE's settings page says of its logo.
    public struct Summary: Sendable {
        public let format: LogoImage.Format
        public let width: Int
        public let height: Int
        public let byteCount: Int
        public let version: String
    }

    /// The CSE's logo as its settings page describes it, if it has one.
    public func summary(tenantID: UUID) async throws -> Summary? {
        guard let logo = try await database.tables.tenantLogos.logo(in: TenantScope(operatorChoice: tenantID)) else { return nil }
        return Summary(format: logo.contentType == LogoImage.Format.png.contentType ? .png : .jpeg, width: logo.width, height: logo.height,
                       byteCount: logo.bytes.count, version: logo.version)
    }

    static func check(_ bytes: [UInt8]) throws(FormErrors) -> LogoImage {
        guard !bytes.isEmpty else { throw FormErrors("logo", BackofficeMessages.logoMissing) }
        guard bytes.count <= maxBytes else { throw FormErrors("logo", BackofficeMessages.logoTooHeavy(bytes: bytes.count, limit: maxBytes)) }
        guard let image = LogoImage(bytes) else { throw FormErrors("logo", BackofficeMessages.logoNotImage) }
        guard sides.contains(image.width), sides.contains(image.height) else {
            throw FormErrors("logo", BackofficeMessages.logoSize(width: image.width, height: image.height, sides: sides))
        }
        return image
    }
}

extension TenantAdmin {
    /// The logos of the CSEs this console manages.
    public var logos: TenantLogos { TenantLogos(database: database) }
}
