import BoutiqueCore
import FluentKit
import Foundation

/// `identification_keys`: the keys a CSE hands its employees for registration. Every key belongs
/// to its CSE; every read and write names the scope.
public struct IdentificationKeyTable: Sendable {
    let db: any Database

    /// The scope's keys, newest first.
    public func all(in scope: TenantScope) async throws -> [IdentificationKeyRecord] {
        try await IdentificationKey.query(on: db).filter(\.$tenant.$id == scope.tenantID).sort(\.$createdAt, .descending).all()
            .map(IdentificationKeyRecord.init)
    }

    /// The scope's key with this id, revoked or not.
    public func find(_ id: UUID, in scope: TenantScope) async throws -> IdentificationKeyRecord? {
        try await IdentificationKey.query(on: db).filter(\.$id == id).filter(\.$tenant.$id == scope.tenantID).first()
            .map(IdentificationKeyRecord.init)
    }

    /// The scope's key with exactly this code that is not revoked.
    public func live(code: String, in scope: TenantScope) async throws -> IdentificationKeyRecord? {
        try await IdentificationKey.query(on: db)
            .filter(\.$tenant.$id == scope.tenantID).filter(\.$code == code).filter(\.$revokedAt == nil).first()
            .map(IdentificationKeyRecord.init)
    }

    /// Whether the scope has a key with exactly this code, revoked or not.
    public func codeExists(_ code: String, in scope: TenantScope) async throws -> Bool {
        try await IdentificationKey.query(on: db).filter(\.$tenant.$id == scope.tenantID).filter(\.$code == code).count() > 0
    }

    public func create(code: String, label: String, autoApprove: Bool, in scope: TenantScope) async throws -> IdentificationKeyRecord {
        let key = IdentificationKey(tenantID: scope.tenantID, code: code, label: label, autoApprove: autoApprove)
        try await key.create(on: db)
        return try IdentificationKeyRecord(key)
    }

    /// Revokes the scope's key from `date` on.
    public func revoke(_ id: UUID, at date: Date, in scope: TenantScope) async throws {
        try await IdentificationKey.query(on: db).filter(\.$id == id).filter(\.$tenant.$id == scope.tenantID)
            .set(\.$revokedAt, to: date).update()
    }
}

extension Tables {
    public var identificationKeys: IdentificationKeyTable { IdentificationKeyTable(db: db) }
}
