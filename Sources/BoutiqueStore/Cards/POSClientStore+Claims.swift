import BoutiqueCore
import Foundation
import SQLKit

/// An idempotency key of one POS client.
public struct IdempotencyKeyID: Sendable, Hashable, Comparable {
    public var clientID: UUID
    public var key: String

    public init(clientID: UUID, key: String) {
        self.clientID = clientID
        self.key = key
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.clientID == rhs.clientID ? lhs.key < rhs.key : lhs.clientID.uuidString < rhs.clientID.uuidString
    }
}

/// One key's stored answer, written in the transaction of the work it guards.
public struct IdempotencyAnswer: Sendable {
    public var id: IdempotencyKeyID
    public var requestHash: String
    /// The outcome as `replay` reads it back (a result or a refusal); how it is answered (HTTP
    /// status, body) is the API's business, decided again on every replay.
    public var response: String

    public init(id: IdempotencyKeyID, requestHash: String, response: String) {
        self.id = id
        self.requestHash = requestHash
        self.response = response
    }
}

extension POSClientStore {
    /// Stores the answers of keys no other request holds, in key order (two transactions storing
    /// overlapping keys then wait on each other instead of deadlocking), in one statement.
    /// - Returns: the keys stored; the others belong to a request committed before (on PostgreSQL
    ///   this statement waited for it), and the caller must roll back the work they guard.
    public static func storeAnswers(_ answers: [IdempotencyAnswer], now: EpochMilliseconds,
                                    on sql: any SQLDatabase) async throws -> Set<IdempotencyKeyID> {
        guard !answers.isEmpty else { return [] }
        let rows = answers.sorted { $0.id < $1.id }.map { answer in
            SQLQueryString("""
                (\(bind: answer.id.clientID), \(bind: answer.id.key), \(bind: answer.requestHash), \(bind: answer.response), \(bind: now))
                """)
        }
        let stored = try await sql.raw("""
            INSERT INTO pos_idempotency (pos_client_id, idempotency_key, request_hash, response, created_at)
            VALUES \(rows.joined(separator: ", "))
            ON CONFLICT (pos_client_id, idempotency_key) DO NOTHING RETURNING pos_client_id, idempotency_key
            """).all()
        return Set(try stored.map { row in
            IdempotencyKeyID(clientID: try row.decode(column: "pos_client_id", as: UUID.self),
                             key: try row.decode(column: "idempotency_key", as: String.self))
        })
    }
}
