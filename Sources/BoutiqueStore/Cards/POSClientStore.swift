import BoutiqueCore
import Foundation
import SQLKit

/// A response stored under an idempotency key, replayed for a retry with the same body.
public struct IdempotencyRecord: Sendable, Equatable {
    public var requestHash: String
    public var response: String

    public init(requestHash: String, response: String) {
        self.requestHash = requestHash
        self.response = response
    }
}

/// POS clients, their stores and keys (only SHA-256 hashes of keys are stored), and the
/// idempotency records of their requests.
public enum POSClientStore {
    /// Creates a client with its stores and one key. A store code that exists for this same
    /// client is kept; one that belongs to another client is refused.
    public static func create(name: String, storeCodes: [String], keyHash: Data, keyHint: String? = nil, now: EpochMilliseconds,
                              on sql: any SQLDatabase) async throws -> UUID {
        let clientID = UUID()
        try await sql.raw("INSERT INTO pos_clients (id, name, created_at) VALUES (\(bind: clientID), \(bind: name), \(bind: now))").run()
        try await addStores(storeCodes, clientID: clientID, now: now, on: sql)
        try await addKey(keyHash, hint: keyHint, clientID: clientID, now: now, on: sql)
        return clientID
    }

    /// The client named `name`, if one exists (the first created).
    public static func client(named name: String, on sql: any SQLDatabase) async throws -> UUID? {
        try await sql.raw("SELECT id FROM pos_clients WHERE name = \(bind: name) ORDER BY created_at LIMIT 1").first()
            .map { try $0.decode(column: "id", as: UUID.self) }
    }

    public static func addStores(_ codes: [String], clientID: UUID, now: EpochMilliseconds, on sql: any SQLDatabase) async throws {
        for code in codes {
            try await sql.raw("""
                INSERT INTO pos_stores (id, pos_client_id, code, created_at)
                VALUES (\(bind: UUID()), \(bind: clientID), \(bind: code), \(bind: now)) ON CONFLICT (code) DO NOTHING
                """).run()
            guard try await hasStore(code, clientID: clientID, on: sql) else { throw POSClientStoreError.storeTaken(code) }
        }
    }

    /// `hint` is the key's first characters, for the console (`bpos_Ab3x…`); never the whole key.
    public static func addKey(_ keyHash: Data, hint: String? = nil, clientID: UUID, now: EpochMilliseconds, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO pos_keys (id, pos_client_id, key_hash, hint, created_at)
            VALUES (\(bind: UUID()), \(bind: clientID), \(bind: keyHash), \(bind: hint), \(bind: now)) ON CONFLICT (key_hash) DO NOTHING
            """).run()
    }

    /// The client a live (not revoked) key belongs to.
    public static func authenticate(keyHash: Data, on sql: any SQLDatabase) async throws -> POSClientIdentity? {
        guard let row = try await sql.raw("""
            SELECT k.id AS key_id, c.id AS client_id, c.name AS name FROM pos_keys k
            JOIN pos_clients c ON c.id = k.pos_client_id
            WHERE k.key_hash = \(bind: keyHash) AND k.revoked_at IS NULL
            """).first() else { return nil }
        return POSClientIdentity(clientID: try row.decode(column: "client_id", as: UUID.self),
                                 keyID: try row.decode(column: "key_id", as: UUID.self),
                                 name: try row.decode(column: "name", as: String.self))
    }

    public static func hasStore(_ code: String, clientID: UUID, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw("""
            SELECT 1 AS found FROM pos_stores WHERE pos_client_id = \(bind: clientID) AND code = \(bind: code)
            """).first() != nil
    }

    public static func storeCodes(clientID: UUID, on sql: any SQLDatabase) async throws -> [String] {
        try await sql.raw("SELECT code FROM pos_stores WHERE pos_client_id = \(bind: clientID) ORDER BY code").all()
            .map { try $0.decode(column: "code", as: String.self) }
    }

    public static func idempotencyRecord(clientID: UUID, key: String, on sql: any SQLDatabase) async throws -> IdempotencyRecord? {
        guard let row = try await sql.raw("""
            SELECT request_hash, response FROM pos_idempotency
            WHERE pos_client_id = \(bind: clientID) AND idempotency_key = \(bind: key)
            """).first() else { return nil }
        return IdempotencyRecord(requestHash: try row.decode(column: "request_hash", as: String.self),
                                 response: try row.decode(column: "response", as: String.self))
    }

    /// Forgets idempotency records older than `cutoff` (tills retry within minutes, not weeks).
    public static func pruneIdempotency(olderThan cutoff: EpochMilliseconds, on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM pos_idempotency WHERE created_at < \(bind: cutoff)").run()
    }
}
