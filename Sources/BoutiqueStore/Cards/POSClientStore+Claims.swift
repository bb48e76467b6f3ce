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

/// Idempotency keys claimed before the work they guard, completed with its response in the same
/// transaction: a key is either absent, or holds its final response, for every other reader.
extension POSClientStore {
    /// Claims the keys that no request holds yet, in key order (so that two transactions claiming
    /// overlapping keys wait on each other instead of deadlocking).
    /// - Returns: the keys claimed; the others belong to a request committed before (on PostgreSQL
    ///   this statement waited for it).
    public static func claimIdempotency(_ claims: [(id: IdempotencyKeyID, requestHash: String)], now: EpochMilliseconds,
                                        on sql: any SQLDatabase) async throws -> Set<IdempotencyKeyID> {
        guard !claims.isEmpty else { return [] }
        let rows = claims.sorted { $0.id < $1.id }.map { claim in
            SQLQueryString("(\(bind: claim.id.clientID), \(bind: claim.id.key), \(bind: claim.requestHash), 0, '', \(bind: now))")
        }
        let claimed = try await sql.raw("""
            INSERT INTO pos_idempotency (pos_client_id, idempotency_key, request_hash, status_code, response, created_at)
            VALUES \(rows.joined(separator: ", "))
            ON CONFLICT (pos_client_id, idempotency_key) DO NOTHING RETURNING pos_client_id, idempotency_key
            """).all()
        return Set(try claimed.map { row in
            IdempotencyKeyID(clientID: try row.decode(column: "pos_client_id", as: UUID.self),
                             key: try row.decode(column: "idempotency_key", as: String.self))
        })
    }

    /// Writes the responses of keys claimed in this transaction.
    public static func completeIdempotency(_ responses: [(id: IdempotencyKeyID, statusCode: Int, response: String)],
                                           on sql: any SQLDatabase) async throws {
        guard !responses.isEmpty else { return }
        let rows = responses.map { item in
            SQLQueryString("(\(bind: item.id.clientID), \(bind: item.id.key), \(bind: item.statusCode), \(bind: item.response))")
        }
        try await sql.raw("""
            UPDATE pos_idempotency SET status_code = v.column3, response = v.column4
            FROM (VALUES \(rows.joined(separator: ", "))) AS v
            WHERE pos_idempotency.pos_client_id = v.column1 AND pos_idempotency.idempotency_key = v.column2
            """).run()
    }
}
