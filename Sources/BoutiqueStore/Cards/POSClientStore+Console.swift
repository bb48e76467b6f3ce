import BoutiqueCore
import Foundation
import SQLKit

extension POSClientStore {
    /// Every client with its stores and keys, by name. Three queries whatever the count.
    public static func summaries(on sql: any SQLDatabase) async throws -> [POSClientSummary] {
        let clients = try await sql.raw("SELECT id, name, created_at FROM pos_clients ORDER BY name, created_at").all()
        let stores = try await sql.raw("SELECT pos_client_id, code FROM pos_stores ORDER BY code").all()
        let keys = try await sql.raw("""
            SELECT id, pos_client_id, hint, created_at, revoked_at, last_used_at FROM pos_keys ORDER BY created_at
            """).all()
        var codes: [UUID: [String]] = [:]
        for row in stores { codes[try row.decode(column: "pos_client_id", as: UUID.self), default: []].append(try row.decode(column: "code", as: String.self)) }
        var keysByClient: [UUID: [POSKeySummary]] = [:]
        for row in keys {
            keysByClient[try row.decode(column: "pos_client_id", as: UUID.self), default: []].append(POSKeySummary(
                id: try row.decode(column: "id", as: UUID.self), hint: try row.decode(column: "hint", as: String?.self),
                createdAt: try row.decode(column: "created_at", as: Int64.self),
                revokedAt: try row.decode(column: "revoked_at", as: Int64?.self),
                lastUsedAt: try row.decode(column: "last_used_at", as: Int64?.self)))
        }
        return try clients.map { row in
            let id = try row.decode(column: "id", as: UUID.self)
            return POSClientSummary(id: id, name: try row.decode(column: "name", as: String.self),
                                    createdAt: try row.decode(column: "created_at", as: Int64.self),
                                    storeCodes: codes[id] ?? [], keys: keysByClient[id] ?? [])
        }
    }

    /// The client's name (the audit log names clients by it); nil when it does not exist.
    public static func clientName(_ clientID: UUID, on sql: any SQLDatabase) async throws -> String? {
        try await sql.raw("SELECT name FROM pos_clients WHERE id = \(bind: clientID)").first()?.decode(column: "name", as: String.self)
    }

    /// The name of the client a key belongs to, and the key's hint (`bpos_Ab3x…`).
    public static func keyOwner(_ keyID: UUID, on sql: any SQLDatabase) async throws -> (client: String, hint: String?)? {
        guard let row = try await sql.raw("""
            SELECT c.name, k.hint FROM pos_keys k JOIN pos_clients c ON c.id = k.pos_client_id WHERE k.id = \(bind: keyID)
            """).first() else { return nil }
        return (try row.decode(column: "name", as: String.self), try row.decode(column: "hint", as: String?.self))
    }

    /// Revokes a live key. - Returns: false when no such live key exists (unknown or already revoked).
    public static func revokeKey(_ keyID: UUID, now: EpochMilliseconds, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw("""
            UPDATE pos_keys SET revoked_at = \(bind: now) WHERE id = \(bind: keyID) AND revoked_at IS NULL RETURNING id
            """).first() != nil
    }

    /// Records that a key authenticated a request. The POS API calls it when its key cache misses,
    /// so the date is exact to the cache's lifetime, at one write per key and lifetime.
    public static func touchKey(_ keyID: UUID, now: EpochMilliseconds, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE pos_keys SET last_used_at = \(bind: now) WHERE id = \(bind: keyID)").run()
    }
}
