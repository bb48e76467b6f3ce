import BoutiqueCore
import FluentKit
import SQLKit

/// POS clients (retailers), their store codes, their API keys (SHA-256 hashes only) and the
/// idempotency records of their requests.
struct M101_CreatePOSClients: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CardTable.posClients)
            .id()
            .field("name", .string, .required)
            .field("created_at", .int64, .required)
            .create()
        try await database.schema(CardTable.posStores)
            .id()
            .field("pos_client_id", .uuid, .required, .references(CardTable.posClients, .id, onDelete: .cascade))
            .field("code", .string, .required)
            .field("created_at", .int64, .required)
            .unique(on: "code")
            .create()
        try await database.schema(CardTable.posKeys)
            .id()
            .field("pos_client_id", .uuid, .required, .references(CardTable.posClients, .id, onDelete: .cascade))
            .field("key_hash", .data, .required)
            .field("created_at", .int64, .required)
            .field("revoked_at", .int64)
            .unique(on: "key_hash")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        // The primary key is the uniqueness that makes concurrent duplicates safe: the second insert
        // of a key waits for the first transaction and then finds its row.
        try await sql.raw("""
            CREATE TABLE pos_idempotency (
                pos_client_id UUID NOT NULL REFERENCES pos_clients (id) ON DELETE CASCADE,
                idempotency_key TEXT NOT NULL,
                request_hash TEXT NOT NULL,
                status_code INTEGER NOT NULL,
                response TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (pos_client_id, idempotency_key)
            )
            """).run()
        try await sql.raw("CREATE INDEX pos_idempotency_age ON pos_idempotency (created_at)").run()
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase { try await sql.raw("DROP TABLE pos_idempotency").run() }
        try await database.schema(CardTable.posKeys).delete()
        try await database.schema(CardTable.posStores).delete()
        try await database.schema(CardTable.posClients).delete()
    }
}
