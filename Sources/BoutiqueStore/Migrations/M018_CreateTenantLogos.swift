import BoutiqueCore
import FluentKit

/// CSE logos: the image in its own table (pages never load it with the CSE), and on the CSE the
/// current logo's version, which the header needs to link it.
struct M018_CreateTenantLogos: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(TenantLogo.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references(Tenant.schema, .id, onDelete: .cascade))
            .field("content_type", .string, .required)
            .field("data", .data, .required)
            .field("width", .int, .required)
            .field("height", .int, .required)
            .field("version", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "tenant_id")
            .create()
        try await database.schema(Tenant.schema).field("logo_version", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Tenant.schema).deleteField("logo_version").update()
        try await database.schema(TenantLogo.schema).delete()
    }
}
