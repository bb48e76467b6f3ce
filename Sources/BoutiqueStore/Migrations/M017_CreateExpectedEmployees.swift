import BoutiqueCore
import FluentKit

/// The CSE's list of expected employees (CSV import), matched by e-mail at registration.
struct M017_CreateExpectedEmployees: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ExpectedEmployee.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references(Tenant.schema, .id, onDelete: .cascade))
            .field("email", .string, .required)
            .field("last_name", .string, .required)
            .field("first_name", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "tenant_id", "email")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ExpectedEmployee.schema).delete()
    }
}
