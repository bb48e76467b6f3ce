import BoutiqueCore
import FluentKit
import SQLKit

/// Credit notes (« avoirs »): one per refunded order and per cancelled dotation, numbered in the
/// invoices' gap-free sequence. Their lines and buyer are stored as issued (JSON), so that the
/// document never changes when a product, an account or a CSE does. Rows are never deleted.
struct M121_CreateCreditNotes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CreditNoteTable.table)
            .id()
            .field("number", .int64, .required)
            .field("tenant_id", .uuid, .required, .references("tenants", .id))
            .field("order_id", .uuid, .references("orders", .id))
            .field("dotation_id", .uuid, .references("dotations", .id))
            .field("subject_reference", .string, .required)
            .field("invoice_number", .int64, .required)
            .field("invoiced_on", .string, .required)
            .field("reason", .string, .required)
            .field("lines_json", .string, .required)
            .field("buyer_json", .string, .required)
            .field("total_cents", .int64, .required)
            .field("issued_at", .int64, .required)
            .unique(on: "number")
            // One credit note per order and per dotation: a retried refund or cancellation cannot
            // issue a second one (NULLs do not collide on either engine).
            .unique(on: "order_id")
            .unique(on: "dotation_id")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX credit_notes_issued ON credit_notes (issued_at)").run()
        // The buyer a dotation's invoice names, written when the dotation is confirmed.
        try await database.schema(Dotation.schema).field(.definition(name: .key(.string("invoice_buyer_json")), dataType: .string, constraints: []))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Dotation.schema).deleteField("invoice_buyer_json").update()
        try await database.schema(CreditNoteTable.table).delete()
    }
}
