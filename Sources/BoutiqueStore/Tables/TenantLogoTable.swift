import BoutiqueCore
import FluentKit
import Foundation

/// `tenant_logos`: each CSE's logo for its shop's header (one at most). A logo belongs to its
/// CSE; every read and write names the scope.
public struct TenantLogoTable: Sendable {
    let db: any Database

    /// A logo as stored.
    public struct Logo: Sendable {
        /// `image/png` or `image/jpeg`.
        public let contentType: String
        public let bytes: [UInt8]
        public let width: Int
        public let height: Int
        public let version: String

        public init(contentType: String, bytes: [UInt8], width: Int, height: Int, version: String) {
            self.contentType = contentType
            self.bytes = bytes
            self.width = width
            self.height = height
            self.version = version
        }
    }

    /// The scope's CSE's logo, if it has one.
    public func logo(in scope: TenantScope) async throws -> Logo? {
        try await TenantLogo.query(on: db).filter(\.$tenant.$id == scope.tenantID).first().map {
            Logo(contentType: $0.contentType, bytes: Array($0.data), width: $0.width, height: $0.height, version: $0.version)
        }
    }

    /// Replaces the scope's CSE's logo (call it in the transaction that sets the CSE's logo version).
    public func replace(with logo: Logo, in scope: TenantScope) async throws {
        try await remove(in: scope)
        try await TenantLogo(tenantID: scope.tenantID, contentType: logo.contentType, data: Data(logo.bytes), width: logo.width,
                             height: logo.height, version: logo.version).create(on: db)
    }

    /// Deletes the scope's CSE's logo, if any.
    public func remove(in scope: TenantScope) async throws {
        try await TenantLogo.query(on: db).filter(\.$tenant.$id == scope.tenantID).delete()
    }
}

extension Tables {
    public var tenantLogos: TenantLogoTable { TenantLogoTable(db: db) }
}
