import BoutiqueCore
import FluentKit

struct M001_CreateTenants: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Tenant.schema)
            .id()
            .field("slug", .string, .required)
            .field("name", .string, .required)
            .field("contact_email", .string, .required)
            .field("open_for_registration", .bool, .required)
            .field("is_enabled", .bool, .required)
            .field("settings", .json, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "slug")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Tenant.schema).delete()
    }
}
