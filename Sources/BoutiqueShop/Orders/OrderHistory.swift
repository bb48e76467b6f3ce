import BoutiqueCore
import BoutiqueDocuments
import BoutiqueStore
import Foundation

/// "Gérez vos commandes": an employee's orders, newest first, and their invoices.
public struct OrderHistory: Sendable {
    let database: BoutiqueDatabase
    let seller: InvoiceSeller

    public init(database: BoutiqueDatabase, seller: InvoiceSeller) {
        self.database = database
        self.seller = seller
    }

    public func orders(actor: AccountActor) async throws -> [OrderRecord] {
        guard let scope = actor.scope else { return [] }
        return try await database.tables.orders.history(of: actor.id, in: scope, limit: 200)
    }

    /// `FAC-000042`.
    public static func invoiceReference(_ number: Int) -> String {
        let digits = String(number)
        return "FAC-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// The invoice of one of the actor's paid orders, or nil (not theirs, or not paid).
    public func invoice(actor: AccountActor, orderID: UUID) async throws -> (reference: String, pdf: [UInt8])? {
        guard let scope = actor.scope, let detail = try await database.tables.orders.ownDetail(orderID, by: actor.id, in: scope),
              let user = detail.record.customer
        else { return nil }
        let order = detail.record
        guard order.status.isPaid || order.status == .refunded, let number = order.invoiceNumber else { return nil }
        let paidAt = detail.validatedAt ?? order.createdAt ?? Date()
        let paidOn = FrenchCalendar.today(paidAt)
        let reference = Self.invoiceReference(number)
        let lines = order.lines.map { line in
            InvoiceLine(product: line.productName, faceValue: Money(cents: line.faceValueCents), quantity: line.quantity,
                        rate: (try? DiscountRate(basisPoints: line.discountBasisPoints)) ?? .none)
        }
        let document = InvoiceDocument(
            kind: .sale, seller: seller, buyer: InvoiceBuyer(name: user.displayName, email: user.email), number: reference,
            issuedOn: paidOn, soldOn: paidOn, orderReference: order.reference, lines: lines,
            payment: InvoicePayment(method: "Carte bancaire (paiement en ligne sécurisé 3-D Secure)", paidOn: paidOn),
            createdAt: paidAt)
        return (reference, try document.pdf())
    }
}
