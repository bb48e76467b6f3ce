import BoutiqueCore
import FluentKit
import Foundation

/// `audit_log`: the consoles' sensitive actions. An entry names the CSE it concerns (nil: the
/// platform's own), for that CSE's managers; it is written by whoever acted, the operator
/// included, so writing takes the CSE's id rather than a scope. Reading takes the scope, or says
/// it reads across every CSE (the operator's log).
public struct AuditTable: Sendable {
    let db: any Database

    /// Writes one entry (`action` is `AuditAction`'s raw value).
    public func add(actorID: UUID?, actorEmail: String, tenantID: UUID?, action: String, target: String, details: String,
                    address: String) async throws {
        try await AuditEntry(actorID: actorID, actorEmail: actorEmail, tenantID: tenantID, action: action, target: target,
                             details: details, address: address).create(on: db)
    }

    /// The scope's newest entries, at most `limit`.
    public func latest(in scope: TenantScope, limit: Int) async throws -> [AuditRecord] {
        try await AuditEntry.query(on: db).filter(\.$tenantID == scope.tenantID).sort(\.$createdAt, .descending).limit(limit).all()
            .map(AuditRecord.init)
    }

    /// The newest entries of every CSE and of the platform, at most `limit` (the operator's log).
    public func latest(acrossTenants limit: Int) async throws -> [AuditRecord] {
        try await AuditEntry.query(on: db).sort(\.$createdAt, .descending).limit(limit).all().map(AuditRecord.init)
    }
}

extension Tables {
    public var audit: AuditTable { AuditTable(db: db) }
}
