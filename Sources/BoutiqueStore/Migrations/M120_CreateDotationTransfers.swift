import BoutiqueCore
import FluentKit

/// Each bank transfer the operator records against a dotation (« Virement reçu »): amount, the
/// day the bank credited it and the reference on the statement. A dotation is paid once they add
/// up to its total; a partial transfer waits for the rest, an excess is shown to be paid back.
struct M120_CreateDotationTransfers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(DotationTransferTable.table)
            .id()
            .field("dotation_id", .uuid, .required, .references("dotations", .id))
            .field("tenant_id", .uuid, .required, .references("tenants", .id))
            .field("amount_cents", .int64, .required)
            .field("received_on", .string, .required)
            .field("statement_reference", .string, .required)
            .field("reference_matches", .bool, .required)
            .field("recorded_by", .string, .required)
            .field("created_at", .int64, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(DotationTransferTable.table).delete()
    }
}
