import BoutiqueCore
import BoutiqueStore
import Foundation

/// A manager's employees as the back office lists them (always scoped to the actor's CSE).
public struct EmployeeDirectory: Sendable {
    public static let shown = 500
    let database: BoutiqueDatabase

    public init(database: BoutiqueDatabase) { self.database = database }

    /// The CSE's active employees, by name.
    public func active(actor: AccountActor) async throws -> [UserRecord] {
        guard let scope = actor.scope else { return [] }
        return try await database.tables.users.activeEmployees(in: scope, limit: Dotations.maxEmployees)
    }

    /// The manager's employees whose e-mail, last or first name contains `text` (all of them when
    /// empty), by last name.
    public func search(actor: AccountActor, text: String) async throws -> [UserRecord] {
        guard actor.role == .manager, let scope = actor.scope else { return [] }
        return try await database.tables.users.employees(in: scope, matching: text, limit: Self.shown)
    }

    /// What `setStatus` did.
    public struct StatusChange: Sendable {
        public let employee: UserRecord
        /// False when the account was not in the expected state (nothing changed).
        public let changed: Bool
    }

    /// Disables (`active` → `disabled`) or re-enables an employee of the manager's CSE; a disabled
    /// employee is logged out everywhere at once.
    /// - Returns: nil when the CSE has no employee with this id.
    public func setStatus(actor: AccountActor, employeeID: UUID, from: UserStatus, to: UserStatus) async throws -> StatusChange? {
        guard actor.role == .manager, let scope = actor.scope,
              let user = try await database.tables.users.find(employeeID, role: .employee, in: scope) else { return nil }
        guard user.status == from else { return StatusChange(employee: user, changed: false) }
        let changed: UserRecord? = try await database.transaction { tables in
            guard let changed = try await tables.users.setStatus(to, of: employeeID, in: scope) else { return nil }
            try await AuditLog.record(to == .disabled ? .employeeDisabled : .employeeEnabled, by: actor, target: user.email,
                                      tenantID: scope.tenantID, in: tables)
            return changed
        }
        guard let changed else { return nil }
        if to == .disabled { try await SessionStore(database: database).destroyAll(userID: employeeID) }
        return StatusChange(employee: changed, changed: true)
    }
}
