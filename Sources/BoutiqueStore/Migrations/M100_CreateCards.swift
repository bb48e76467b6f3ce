import BoutiqueCore
import FluentKit
import SQLKit

/// Gift cards and their append-only ledger.
///
/// Times are epoch milliseconds (BIGINT), as in `jobs`, so that the guarded debit compares plain
/// integers the same way on both engines. The number and PIN are stored only AES-GCM sealed; the
/// number is found through `number_hash`, a keyed HMAC, never through the clear digits.
struct M100_CreateCards: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CardTable.cards)
            .id()
            .field("tenant_id", .uuid, .required, .references(Tenant.schema, .id, onDelete: .restrict))
            .field("owner_id", .uuid, .references(User.schema, .id, onDelete: .setNull))
            .field("order_line_id", .uuid)
            .field("line_index", .int64)
            .field("number_hash", .data, .required)
            .field("number_sealed", .data, .required)
            .field("pin_sealed", .data, .required)
            .field("last4", .string, .required)
            .field("face_value_cents", .int64, .required)
            .field("balance_cents", .int64, .required)
            .field("currency", .string, .required)
            .field("event", .string, .required)
            .field("usage_conditions", .string, .required)
            .field("excluded_categories", .string, .required)
            .field("status", .string, .required)
            .field("issued_at", .int64, .required)
            .field("last_day", .string, .required)
            .field("expires_at", .int64, .required)
            .unique(on: "number_hash")
            .create()
        try await database.schema(CardTable.transactions)
            .id()
            .field("card_id", .uuid, .required, .references(CardTable.cards, .id, onDelete: .restrict))
            .field("kind", .string, .required)
            .field("amount_cents", .int64, .required)
            .field("balance_after_cents", .int64, .required)
            .field("store_code", .string)
            .field("pos_client_id", .uuid)
            .field("idempotency_key", .string)
            .field("reference", .string)
            .field("reverses_id", .uuid)
            .field("created_at", .int64, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        // One card per (order line, position): re-running an interrupted issuance creates nothing twice.
        try await sql.raw("CREATE UNIQUE INDEX cards_order_line ON cards (order_line_id, line_index)").run()
        try await sql.raw("CREATE INDEX cards_owner ON cards (owner_id)").run()
        try await sql.raw("CREATE INDEX cards_tenant ON cards (tenant_id)").run()
        try await sql.raw("CREATE INDEX cards_expiry ON cards (expires_at, status)").run()
        // A redemption is reversed at most once, whatever the interleaving.
        try await sql.raw("CREATE UNIQUE INDEX card_transactions_reverses ON card_transactions (reverses_id)").run()
        try await sql.raw("CREATE INDEX card_transactions_card ON card_transactions (card_id, created_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CardTable.transactions).delete()
        try await database.schema(CardTable.cards).delete()
    }
}
