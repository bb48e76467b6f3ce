import BoutiqueCore
import FluentKit

/// Who did what, when and from where, for the consoles' sensitive actions.
struct M015_CreateAuditLog: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEntry.schema)
            .id()
            .field("actor_id", .uuid)
            .field("actor_email", .string, .required)
            .field("tenant_id", .uuid)
            .field("action", .string, .required)
            .field("target", .string, .required)
            .field("details", .string, .required)
            .field("address", .string, .required)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEntry.schema).delete()
    }
}
