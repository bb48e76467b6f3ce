import BoutiqueCore
import FluentKit
import SQLKit

/// Carts, orders with their lines, and the gap-free counters that number orders and invoices.
struct M009_CreateOrders: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CartLine.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .cascade))
            .field("tenant_id", .uuid, .required, .references(Tenant.schema, .id, onDelete: .cascade))
            .field("product_id", .uuid, .required, .references(Product.schema, .id, onDelete: .cascade))
            .field("face_value_cents", .int64, .required)
            .field("quantity", .int64, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema(Order.schema)
            .id()
            .field("number", .int64, .required)
            .field("reference", .string, .required)
            .field("tenant_id", .uuid, .required, .references(Tenant.schema, .id, onDelete: .restrict))
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .restrict))
            .field("status", .string, .required)
            .field("face_total_cents", .int64, .required)
            .field("total_cents", .int64, .required)
            .field("savings_cents", .int64, .required)
            .field("terms_accepted_at", .datetime, .required)
            .field("validated_at", .datetime)
            .field("activated_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "number")
            .unique(on: "reference")
            .create()
        try await database.schema(OrderLine.schema)
            .id()
            .field("order_id", .uuid, .required, .references(Order.schema, .id, onDelete: .cascade))
            .field("position", .int64, .required)
            .field("product_id", .uuid, .required, .references(Product.schema, .id, onDelete: .restrict))
            .field("product_name", .string, .required)
            .field("face_value_cents", .int64, .required)
            .field("quantity", .int64, .required)
            .field("discount_bp", .int64, .required)
            .field("price_cents", .int64, .required)
            .field("validity_months", .int64, .required)
            .field("usage_conditions", .string, .required)
            .field("excluded_categories", .array(of: .string), .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL)").run()
        try await sql.raw("CREATE INDEX orders_user ON orders (user_id, created_at)").run()
        try await sql.raw("CREATE INDEX cart_lines_user ON cart_lines (user_id)").run()
        try await sql.raw("CREATE INDEX order_lines_order ON order_lines (order_id)").run()
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase { try await sql.raw("DROP TABLE counters").run() }
        try await database.schema(OrderLine.schema).delete()
        try await database.schema(Order.schema).delete()
        try await database.schema(CartLine.schema).delete()
    }
}
