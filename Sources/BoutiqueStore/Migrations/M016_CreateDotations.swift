import BoutiqueCore
import FluentKit

/// Dotations (a CSE's gifts for an URSSAF event) and their per-employee lines.
struct M016_CreateDotations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Dotation.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references(Tenant.schema, .id, onDelete: .restrict))
            .field("reference", .string, .required)
            .field("event", .string, .required)
            .field("event_year", .int, .required)
            .field("event_date", .string, .required)
            .field("activation_date", .string)
            .field("status", .string, .required)
            .field("invoice_number", .int, .required)
            .field("total_cents", .int64, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime)
            .field("paid_at", .datetime)
            .field("issued_at", .datetime)
            .unique(on: "reference")
            .create()
        try await database.schema(DotationLine.schema)
            .id()
            .field("dotation_id", .uuid, .required, .references(Dotation.schema, .id, onDelete: .cascade))
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .restrict))
            .field("amount_cents", .int64, .required)
            .field("position", .int, .required)
            .unique(on: "dotation_id", "user_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(DotationLine.schema).delete()
        try await database.schema(Dotation.schema).delete()
    }
}
