import BoutiqueCore
import BoutiqueStore
import Foundation

/// The operator's side: finding the employee who asked (by address, or by id from the page) and
/// what closing their account would give up.
extension AccountClosure {
    public struct Request: Sendable {
        public let employee: UserRecord
        public let cseName: String?
        public let preview: Preview
    }

    public func request(by actor: AccountActor, email raw: String?) async throws -> Request? {
        guard actor.role == .operator, let email = FieldRules.email(raw),
              let user = try await database.tables.users.byEmail(acrossTenants: email) else { return nil }
        return try await request(for: user)
    }

    public func request(by actor: AccountActor, employeeID: UUID) async throws -> Request? {
        guard actor.role == .operator, let user = try await database.tables.users.find(acrossTenants: employeeID) else { return nil }
        return try await request(for: user)
    }

    private func request(for user: UserRecord) async throws -> Request? {
        guard user.role == .employee, !user.email.hasSuffix("@anonyme.invalid") else { return nil }
        var cseName: String?
        if let tenantID = user.tenantID { cseName = try await database.tables.tenants.find(TenantScope(memberOf: tenantID))?.name }
        return Request(employee: user, cseName: cseName, preview: try await preview(of: user))
    }
}
