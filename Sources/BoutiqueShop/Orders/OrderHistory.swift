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

    /// Which of these orders have a credit note (« OBTENIR L'AVOIR »).
    public func creditNoted(_ orders: [OrderRecord]) async throws -> Set<UUID> {
        try await database.tables.creditNotes.orders(among: orders.map(\.id))
    }

    /// The number of the order's credit note (« FAC-000031 »), once refunded.
    public func creditNoteReference(orderID: UUID) async throws -> String? {
        try await database.tables.creditNotes.of(orderID: orderID).map { Self.invoiceReference($0.number) }
    }

    /// The credit note of an order the actor may see (the employee's own, any for the operator).
    public func creditNote(actor: AccountActor, orderID: UUID) async throws -> CreditNotes.Document? {
        try await CreditNotes(database: database, seller: seller).ofOrder(actor: actor, orderID: orderID)
    }

    /// `FAC-000042`.
    public static func invoiceReference(_ number: Int) -> String {
        let digits = String(number)
        return "FAC-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// The invoice of an order the actor may see (the employee's own, any for the operator), or
    /// nil (not theirs, or never invoiced). It stays downloadable whatever happens to the order.
    public func invoice(actor: AccountActor, orderID: UUID) async throws -> (reference: String, pdf: [UInt8])? {
        guard let detail = try await Self.detail(actor: actor, orderID: orderID, in: database.tables) else { return nil }
        let order = detail.record
        guard let number = order.invoiceNumber else { return nil }
        let paidAt = detail.validatedAt ?? order.createdAt ?? Date()
        let paidOn = FrenchCalendar.today(paidAt)
        let reference = Self.invoiceReference(number)
        let lines = order.lines.map { line in
            InvoiceLine(product: line.productName, faceValue: Money(cents: line.faceValueCents), quantity: line.quantity,
                        rate: (try? DiscountRate(basisPoints: line.discountBasisPoints)) ?? .none)
        }
        let document = InvoiceDocument(
            kind: .sale, seller: seller, buyer: InvoiceParties.buyer(Self.buyer(of: detail)), number: reference,
            issuedOn: paidOn, soldOn: paidOn, orderReference: order.reference, lines: lines,
            payment: InvoicePayment(method: "Carte bancaire (paiement en ligne sécurisé 3-D Secure)", paidOn: paidOn),
            createdAt: paidAt)
        return (reference, try document.pdf())
    }

    /// The order as its buyer or the operator may read it; nil for anyone else.
    static func detail(actor: AccountActor, orderID: UUID, in tables: Tables) async throws -> OrderTable.Detail? {
        switch actor.role {
        case .operator: return try await tables.orders.detail(acrossTenants: orderID)
        case .employee:
            guard let scope = actor.scope else { return nil }
            return try await tables.orders.ownDetail(orderID, by: actor.id, in: scope)
        case .manager: return nil
        }
    }

    /// The buyer the order's invoice names: as written when it was invoiced, else the account.
    static func buyer(of detail: OrderTable.Detail) -> BilledParty {
        detail.record.invoiceBuyer ?? BilledParty(name: detail.buyer.displayName, email: detail.buyer.email)
    }
}
