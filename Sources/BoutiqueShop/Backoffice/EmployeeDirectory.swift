import BoutiqueStore
import FluentKit
import Foundation

/// A manager's employees as the back office lists them (always scoped to the actor's CSE).
public struct EmployeeDirectory: Sendable {
    let database: BoutiqueDatabase

    public init(database: BoutiqueDatabase) { self.database = database }

    /// The CSE's active employees, by name.
    public func active(actor: AccountActor) async throws -> [User] {
        guard let tenantID = actor.tenantID else { return [] }
        return try await User.query(on: database.db).filter(\.$tenant.$id == tenantID).filter(\.$role == .employee)
            .filter(\.$status == .active).sort(\.$lastName).sort(\.$firstName).limit(Dotations.maxEmployees).all()
    }
}
