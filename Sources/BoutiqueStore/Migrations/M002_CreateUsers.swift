import BoutiqueCore
import FluentKit

struct M002_CreateUsers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema)
            .id()
            .field("tenant_id", .uuid, .references(Tenant.schema, .id, onDelete: .restrict))
            .field("role", .string, .required)
            .field("status", .string, .required)
            .field("email", .string, .required)
            .field("password_hash", .string, .required)
            .field("civility", .string, .required)
            .field("first_name", .string, .required)
            .field("last_name", .string, .required)
            .field("phone", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "email")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(User.schema).delete()
    }
}
