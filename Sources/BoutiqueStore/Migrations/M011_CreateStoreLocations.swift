import BoutiqueCore
import FluentKit
import SQLKit

/// The stores where cards can be spent ("Où dépenser ma e-Carte"), imported from CSV.
struct M011_CreateStoreLocations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(StoreLocation.schema)
            .id()
            .field("code", .string, .required)
            .field("brand", .string, .required)
            .field("name", .string, .required)
            .field("address", .string, .required)
            .field("postcode", .string, .required)
            .field("city", .string, .required)
            .field("latitude", .double, .required)
            .field("longitude", .double, .required)
            .field("opening_hours", .string, .required)
            .field("self_checkout", .bool, .required)
            .field("updated_at", .datetime)
            .unique(on: "code")
            .create()
        try await database.schema(ContactMessage.schema)
            .id()
            .field("user_id", .uuid, .references(User.schema, .id, onDelete: .setNull))
            .field("tenant_id", .uuid, .references(Tenant.schema, .id, onDelete: .setNull))
            .field("email", .string, .required)
            .field("subject", .string, .required)
            .field("message", .string, .required)
            .field("order_reference", .string)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ContactMessage.schema).delete()
        try await database.schema(StoreLocation.schema).delete()
    }
}
