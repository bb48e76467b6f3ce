import BoutiqueCore
import FluentKit
import Foundation

extension ExpectedEmployeeTable {
    /// Forgets the CSE's expected-employee row of this address (its names came from the CSE's file).
    public func forget(email: String, in scope: TenantScope) async throws {
        try await ExpectedEmployee.query(on: db).filter(\.$tenant.$id == scope.tenantID).filter(\.$email == email).delete()
    }
}
