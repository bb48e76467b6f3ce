import BoutiqueCore
import FluentKit
import SQLKit

/// Payment attempts and provider notifications (kept for the operator's order view), and the
/// order columns payment needs: the invoice number taken at validation, a flag for payments that
/// do not match the order.
struct M010_CreatePayments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PaymentAttempt.schema)
            .id()
            .field("order_id", .uuid, .required, .references(Order.schema, .id, onDelete: .cascade))
            .field("provider", .string, .required)
            .field("reference", .string, .required)
            .field("amount_cents", .int64, .required)
            .field("currency", .string, .required)
            .field("status", .string, .required)
            .field("failure_reason", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "provider", "reference")
            .create()
        try await database.schema(PaymentNotification.schema)
            .id()
            .field("provider", .string, .required)
            .field("reference", .string, .required)
            .field("outcome", .string, .required)
            .field("received_at", .datetime)
            .create()
        // One column per ALTER TABLE for SQLite.
        for (name, type) in [("invoice_number", DatabaseSchema.DataType.int64), ("payment_flag", .string)] {
            try await database.schema(Order.schema).field(.definition(name: .key(.string(name)), dataType: type, constraints: [])).update()
        }
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX payment_attempts_order ON payment_attempts (order_id)").run()
        try await sql.raw("CREATE INDEX orders_status ON orders (status, updated_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PaymentNotification.schema).delete()
        try await database.schema(PaymentAttempt.schema).delete()
    }
}
