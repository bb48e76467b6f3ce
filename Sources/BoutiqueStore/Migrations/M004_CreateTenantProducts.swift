import BoutiqueCore
import FluentKit

struct M004_CreateTenantProducts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(TenantProduct.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references(Tenant.schema, .id, onDelete: .cascade))
            .field("product_id", .uuid, .required, .references(Product.schema, .id, onDelete: .restrict))
            .field("discount_bp", .int64)
            .field("is_enabled", .bool, .required)
            .unique(on: "tenant_id", "product_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(TenantProduct.schema).delete()
    }
}
