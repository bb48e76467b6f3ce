import BoutiqueCore
import BoutiqueStore
import FluentKit
import Foundation

/// The consoles' sensitive actions: who did what, to what, from where. Each use case records its
/// action inside its own transaction (`record(_:by:…on:)`), so an action and its entry are
/// written together or not at all. The operator reads all of it; a manager their CSE's part.
public struct AuditLog: Sendable {
    public static let shown = 500
    let database: BoutiqueDatabase

    public init(database: BoutiqueDatabase) { self.database = database }

    /// Writes an entry on `db` (the caller's transaction). `target` names the object readably (an
    /// order number, an e-mail, a CSE's short name), never a raw id.
    static func record(_ action: AuditAction, by actor: AccountActor, target: String, tenantID: UUID?, details: String = "",
                       on db: any Database) async throws {
        let userID = actor.id == AccountActor.nobody ? nil : actor.id
        try await AuditEntry(actorID: userID, actorEmail: actor.email.isEmpty ? "anonyme" : actor.email, tenantID: tenantID,
                             action: action.rawValue, target: target, details: details, address: actor.address).create(on: db)
    }

    /// An entry of its own, for an action that writes nothing else (a read that must leave a
    /// trace: an export; a login attempt).
    func record(_ action: AuditAction, by actor: AccountActor, target: String, tenantID: UUID?, details: String = "") async throws {
        try await Self.record(action, by: actor, target: target, tenantID: tenantID, details: details, on: database.db)
    }

    /// The newest entries the actor may read: everything for the operator, their CSE's for a
    /// manager, nothing for an employee.
    public func entries(actor: AccountActor) async throws -> [AuditRecord] {
        let query = AuditEntry.query(on: database.db)
        switch actor.role {
        case .operator: break
        case .manager:
            guard let tenantID = actor.tenantID else { return [] }
            query.filter(\.$tenantID == tenantID)
        case .employee: return []
        }
        return try await query.sort(\.$createdAt, .descending).limit(Self.shown).all().map(AuditRecord.init)
    }
}
