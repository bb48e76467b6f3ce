import BoutiqueCore
import BoutiqueDocuments
import BoutiqueStore
import Foundation

/// Credit notes (« avoirs »): issued in the transaction that refunds an order or cancels a
/// dotation, numbered in the invoices' sequence, and downloadable forever by whoever may see the
/// invoice they correct.
public struct CreditNotes: Sendable {
    let database: BoutiqueDatabase
    let seller: InvoiceSeller

    public init(database: BoutiqueDatabase, seller: InvoiceSeller) {
        self.database = database
        self.seller = seller
    }

    /// A credit note as downloaded: its number and its PDF.
    public struct Document: Sendable {
        public let reference: String
        public let pdf: [UInt8]
    }

    /// The credit note of an order the actor may see (the employee's own, any for the operator).
    public func ofOrder(actor: AccountActor, orderID: UUID) async throws -> Document? {
        guard try await OrderHistory.detail(actor: actor, orderID: orderID, in: database.tables) != nil,
              let note = try await database.tables.creditNotes.of(orderID: orderID) else { return nil }
        return try document(note)
    }

    /// The credit note of a dotation the actor may see (its CSE's manager, the operator).
    public func ofDotation(actor: AccountActor, dotationID: UUID, dotations: Dotations) async throws -> Document? {
        guard try await dotations.find(actor: actor, id: dotationID) != nil,
              let note = try await database.tables.creditNotes.of(dotationID: dotationID) else { return nil }
        return try document(note)
    }

    /// The PDF, drawn from the credit note's own row: the same bytes whatever changed since.
    public func document(_ note: CreditNoteRecord) throws -> Document {
        let reference = OrderHistory.invoiceReference(note.number)
        let issuedOn = FrenchCalendar.today(note.issuedAt)
        let correction = InvoiceCorrection(invoiceNumber: OrderHistory.invoiceReference(note.invoiceNumber),
                                           invoicedOn: CalendarDate(iso: note.invoicedOn) ?? issuedOn, reason: note.reason.label,
                                           ofDotation: note.dotationID != nil)
        let lines = note.lines.map { line in
            InvoiceLine(product: line.product, faceValue: Money(cents: line.faceValueCents), quantity: line.quantity,
                        rate: (try? DiscountRate(basisPoints: line.discountBasisPoints)) ?? .none, price: Money(cents: line.amountCents))
        }
        let payment = InvoicePayment(method: Self.settlement(note), paidOn: issuedOn)
        let document = InvoiceDocument(kind: .creditNote(correction), seller: seller, buyer: InvoiceParties.buyer(note.buyer), number: reference,
                                       issuedOn: issuedOn, soldOn: issuedOn, orderReference: note.subjectReference, lines: lines,
                                       payment: payment, createdAt: note.issuedAt)
        return Document(reference: reference, pdf: try document.pdf())
    }

    /// How the credited amount reaches the buyer, as the credit note states it.
    static func settlement(_ note: CreditNoteRecord) -> String {
        switch note.reason {
        case .orderRefund:
            "Le montant de l'avoir est remboursé sur la carte bancaire qui a payé la commande ; les e-Cartes concernées sont bloquées."
        case .dotationCancelled:
            "La facture est annulée pour son montant : rien n'est dû ; un virement déjà reçu pour cette facture est remboursé au CSE."
        }
    }

    /// Issues the credit note of a refund in the refund's transaction; nil when nothing is
    /// credited (every card was spent) or the order was never invoiced.
    static func issue(refundOf detail: OrderTable.Detail, lines: [CreditNoteRecord.Line], at date: Date,
                      in tables: Tables) async throws -> CreditNoteRecord? {
        let order = detail.record
        let credited = lines.filter { $0.amountCents > 0 }
        guard let invoice = order.invoiceNumber, !credited.isEmpty else { return nil }
        let invoicedOn = FrenchCalendar.today(detail.validatedAt ?? order.createdAt ?? date)
        return try await tables.creditNotes.add(
            CreditNoteTable.NewCreditNote(tenantID: order.tenantID, orderID: order.id, dotationID: nil, subjectReference: order.reference,
                                          invoiceNumber: invoice, invoicedOn: invoicedOn.iso, reason: .orderRefund, lines: credited,
                                          buyer: OrderHistory.buyer(of: detail)),
            at: date)
    }

    /// Issues the credit note cancelling a dotation's invoice, in the cancellation's transaction:
    /// the invoice's own lines (cards of one amount each), for its whole total.
    static func issue(cancellationOf detail: DotationTable.Detail, at date: Date, in tables: Tables) async throws -> CreditNoteRecord {
        let dotation = detail.record
        let byAmount = Dictionary(grouping: detail.lines, by: \.amountCents)
        let lines = byAmount.keys.sorted().map { cents in
            let count = byAmount[cents]?.count ?? 0
            return CreditNoteRecord.Line(product: "e-Carte cadeau — \(DotationInvoices.eventName(dotation))", faceValueCents: cents,
                                         quantity: count, discountBasisPoints: 0, amountCents: cents * count)
        }
        let invoicedOn = FrenchCalendar.today(dotation.createdAt ?? date)
        return try await tables.creditNotes.add(
            CreditNoteTable.NewCreditNote(tenantID: dotation.tenantID, orderID: nil, dotationID: dotation.id, subjectReference: dotation.reference,
                                          invoiceNumber: dotation.invoiceNumber, invoicedOn: invoicedOn.iso, reason: .dotationCancelled,
                                          lines: lines, buyer: dotation.invoiceBuyer ?? InvoiceParties.cse(detail.tenant)),
            at: date)
    }
}
