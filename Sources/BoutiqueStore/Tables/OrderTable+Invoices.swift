import BoutiqueCore
import FluentKit
import Foundation
import SQLKit

extension OrderTable {
    /// Writes on the user's invoiced orders the buyer their invoices name, before the account is
    /// anonymised: invoices are kept (legal retention) with the name they carry.
    public func keepInvoiceBuyer(name: String, email: String, of userID: UUID) async throws {
        try await db.requireSQL().raw("""
            UPDATE orders SET invoice_buyer_name = \(bind: name), invoice_buyer_email = \(bind: email)
            WHERE user_id = \(bind: userID) AND invoice_number IS NOT NULL
            """).run()
    }
}
