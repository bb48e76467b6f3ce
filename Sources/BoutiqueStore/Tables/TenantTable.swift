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
}

extension Tables {
    public var tenants: TenantTable { TenantTable(db: db) }
}
