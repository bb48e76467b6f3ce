import BoutiqueCore
import FluentKit
import SQLKit

/// One order, one charge: every refund sent to the provider (`payment_refunds`: the operator's,
/// and the automatic ones of a second charge or of a charge past a cap), one row per refund keyed
/// by its idempotency key so a replayed job or check records it once; on the order, the attempt
/// whose charge paid it and what was refunded in all; on an attempt, the provider's page, so that
/// paying again resumes the open attempt instead of opening a second charge.
struct M110_OneChargePerOrder: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PaymentRefund.schema)
            .id()
            .field("order_id", .uuid, .required, .references(Order.schema, .id, onDelete: .cascade))
            .field("attempt_id", .uuid, .required, .references(PaymentAttempt.schema, .id, onDelete: .cascade))
            .field("amount_cents", .int64, .required)
            .field("reason", .string, .required)
            .field("status", .string, .required)
            .field("idempotency_key", .string, .required)
            .field("provider_refund_id", .string)
            .field("created_at", .datetime)
            .field("done_at", .datetime)
            .unique(on: "idempotency_key")
            .create()
        let sql = try database.requireSQL()
        try await sql.raw("CREATE INDEX payment_refunds_order ON payment_refunds (order_id)").run()
        // One column per ALTER TABLE for SQLite.
        try await sql.raw("ALTER TABLE orders ADD COLUMN refunded_cents BIGINT NOT NULL DEFAULT 0").run()
        try await database.schema(Order.schema).field("paid_attempt_id", .uuid).update()
        try await database.schema(PaymentAttempt.schema).field("redirect_url", .string).update()
        // The placement's and the confirmation's cap sums read a buyer's orders of the year.
        try await sql.raw("CREATE INDEX orders_user_created ON orders (user_id, created_at)").run()
    }

    func revert(on database: any Database) async throws {
        let sql = try database.requireSQL()
        try await sql.raw("DROP INDEX orders_user_created").run()
        try await database.schema(PaymentAttempt.schema).deleteField("redirect_url").update()
        try await database.schema(Order.schema).deleteField("paid_attempt_id").update()
        try await sql.raw("ALTER TABLE orders DROP COLUMN refunded_cents").run()
        try await database.schema(PaymentRefund.schema).delete()
    }
}
