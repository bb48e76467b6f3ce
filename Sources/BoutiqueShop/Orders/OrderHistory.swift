import BoutiqueCore
import BoutiqueDocuments
import BoutiqueStore
import FluentKit
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
        try await Order.query(on: database.db).filter(\.$user.$id == actor.id).sort(\.$createdAt, .descending)
            .with(\.$lines).limit(200).all().map(OrderRecord.init)
    }

    /// `FAC-000042`.
    public static func invoiceReference(_ number: Int) -> String {
        let digits = String(number)
        return "FAC-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// The invoice of one of the actor's paid orders, or nil (not theirs, or not paid).
    public func invoice(actor: AccountActor, orderID: UUID) async throws -> (reference: String, pdf: [UInt8])? {
        guard let order = try await Order.query(on: database.db).filter(\.$id == orderID).filter(\.$user.$id == actor.id)
            .with(\.$lines).with(\.$user).with(\.$attempts).first(),
            order.status.isPaid || order.status == .refunded, let number = order.invoiceNumber else { return nil }
        let paidAt = order.validatedAt ?? order.createdAt ?? Date()
        let paidOn = FrenchCalendar.today(paidAt)
        let reference = Self.invoiceReference(number)
        let user = order.user
        let lines = order.lines.sorted { $0.position < $1.position }.map { line in
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
