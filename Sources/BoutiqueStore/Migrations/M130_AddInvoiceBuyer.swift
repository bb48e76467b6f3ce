import BoutiqueCore
import FluentKit

/// The buyer an invoice names, kept on the order when the account is closed: the invoice is kept
/// for the legal retention (ten years, Code de commerce L123-22) with the name it carries, while
/// the account's row is anonymised. Nil while the account is open (the invoice reads the account).
struct M130_AddInvoiceBuyer: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per ALTER TABLE for SQLite.
        for name in ["invoice_buyer_name", "invoice_buyer_email"] {
            try await database.schema(Order.schema).field(.definition(name: .key(.string(name)), dataType: .string, constraints: [])).update()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Order.schema).deleteField("invoice_buyer_email").update()
        try await database.schema(Order.schema).deleteField("invoice_buyer_name").update()
    }
}
