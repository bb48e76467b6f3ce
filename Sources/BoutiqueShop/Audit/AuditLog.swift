import BoutiqueCore
import BoutiqueStore
import Foundation

/// The consoles' sensitive actions: who did what, to what, from where. Each use case records its
/// action inside its own transaction (`record(_:by:…in:)`), so an action and its entry are
/// written together or not at all. The operator reads all of it; a manager their CSE's part.
public struct AuditLog: Sendable {
    public static let shown = 500
    let database: BoutiqueDatabase

    public init(database: BoutiqueDatabase) { self.database = database }

    /// Writes an entry through `tables` (the caller's transaction). `target` names the object
    /// readably (an order number, an e-mail, a CSE's short name), never a raw id.
    static func record(_ action: AuditAction, by actor: AccountActor, target: String, tenantID: UUID?, details: String = "",
                       in tables: Tables) async throws {
        let userID = actor.id == AccountActor.nobody ? nil : actor.id
        try await tables.audit.add(actorID: userID, actorEmail: actor.email.isEmpty ? "anonyme" : actor.email, tenantID: tenantID,
                            action: action.rawValue, target: target, details: details, address: actor.address)
    }

    /// An entry of its own, for an action that writes nothing else (a read that must leave a
    /// trace: an export; a login attempt).
    func record(_ action: AuditAction, by actor: AccountActor, target: String, tenantID: UUID?, details: String = "") async throws {
        try await Self.record(action, by: actor, target: target, tenantID: tenantID, details: details, in: database.tables)
    }

    /// The newest entries the actor may read: everything for the operator, their CSE's for a
    /// manager, nothing for an employee.
    public func entries(actor: AccountActor) async throws -> [AuditRecord] {
        switch actor.role {
        case .operator: return try await database.tables.audit.latest(acrossTenants: Self.shown)
        case .manager:
            guard let scope = actor.scope else { return [] }
            return try await database.tables.audit.latest(in: scope, limit: Self.shown)
        case .employee: return []
        }
    }
}
