import BoutiqueCore
import BoutiqueStore
import FluentKit
import Foundation

/// A manager's employees as the back office lists them (always scoped to the actor's CSE).
public struct EmployeeDirectory: Sendable {
    public static let shown = 500
    let database: BoutiqueDatabase

    public init(database: BoutiqueDatabase) { self.database = database }

    /// The CSE's active employees, by name.
    public func active(actor: AccountActor) async throws -> [UserRecord] {
        guard let tenantID = actor.tenantID else { return [] }
        return try await User.query(on: database.db).filter(\.$tenant.$id == tenantID).filter(\.$role == .employee)
            .filter(\.$status == .active).sort(\.$lastName).sort(\.$firstName).limit(Dotations.maxEmployees).all().map { try UserRecord($0) }
    }

    /// The manager's employees whose e-mail, last or first name contains `text` (all of them when
    /// empty), by last name.
    public func search(actor: AccountActor, text: String) async throws -> [UserRecord] {
        guard actor.role == .manager, let tenantID = actor.tenantID else { return [] }
        let query = User.query(on: database.db).filter(\.$tenant.$id == tenantID).filter(\.$role == .employee)
        if !text.isEmpty {
            query.group(.or) { group in
                group.filter(\.$email ~~ text).filter(\.$lastName ~~ text).filter(\.$firstName ~~ text)
            }
        }
        return try await query.sort(\.$lastName).limit(Self.shown).all().map { try UserRecord($0) }
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
        guard actor.role == .manager, let tenantID = actor.tenantID,
              let user = try await User.query(on: database.db).filter(\.$id == employeeID).filter(\.$tenant.$id == tenantID)
                .filter(\.$role == .employee).first() else { return nil }
        guard user.status == from else { return StatusChange(employee: try UserRecord(user), changed: false) }
        user.status = to
        try await database.db.transaction { db in
            try await user.save(on: db)
            try await AuditLog.record(to == .disabled ? .employeeDisabled : .employeeEnabled, by: actor, target: user.email,
                                      tenantID: tenantID, on: db)
        }
        if to == .disabled { try await SessionStore(database: database).destroyAll(userID: employeeID) }
        return StatusChange(employee: try UserRecord(user), changed: true)
    }
}
