import BoutiqueCore
import FluentKit

struct M003_CreateProducts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Product.schema)
            .id()
            .field("slug", .string, .required)
            .field("name", .string, .required)
            .field("retailer", .string, .required)
            .field("description", .string, .required)
            .field("min_amount_cents", .int64, .required)
            .field("max_amount_cents", .int64, .required)
            .field("denominations_cents", .array(of: .int64), .required)
            .field("max_quantity", .int64, .required)
            .field("validity_months", .int64, .required)
            .field("usage_conditions", .string, .required)
            .field("excluded_categories", .array(of: .string), .required)
            .field("default_discount_bp", .int64, .required)
            .field("is_enabled", .bool, .required)
            .field("created_at", .datetime)
            .unique(on: "slug")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Product.schema).delete()
    }
}
