import BoutiqueCore
import FluentKit
import Foundation

extension TenantTable {
    /// The CSEs an employee may pick when registering (open and enabled), by name. Across every
    /// CSE: the public registration form lists them before anyone belongs to one.
    public func openForRegistrationAcrossTenants() async throws -> [TenantRecord] {
        try await Tenant.query(on: db)
            .filter(\.$openForRegistration == true).filter(\.$isEnabled == true).sort(\.$name).all().map(TenantRecord.init)
    }

    /// The CSE with this id if an employee may register in it (open and enabled); a registration
    /// form names it before its author belongs to it.
    public func openForRegistration(_ id: UUID) async throws -> TenantRecord? {
        try await Tenant.query(on: db).filter(\.$id == id)
            .filter(\.$openForRegistration == true).filter(\.$isEnabled == true).first().map(TenantRecord.init)
    }
}
