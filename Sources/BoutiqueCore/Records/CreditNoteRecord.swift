import Foundation

/// A credit note (« avoir »): the document that cancels all or part of an invoice. It takes the
/// next number of the one gap-free invoice sequence, names the invoice it corrects, and keeps
/// its lines and its buyer as they were when it was issued, so that it prints the same forever.
public struct CreditNoteRecord: Sendable, Equatable {
    /// What is credited on one line: cards of one face value (a cancelled dotation), or one
    /// card's unspent balance at the price the employee paid for it (a refund).
    public struct Line: Sendable, Codable, Equatable {
        public let product: String
        public let faceValueCents: Int
        public let quantity: Int
        public let discountBasisPoints: Int
        /// What the line credits: face value × quantity less the discount, as paid.
        public let amountCents: Int

        public init(product: String, faceValueCents: Int, quantity: Int, discountBasisPoints: Int, amountCents: Int) {
            self.product = product
            self.faceValueCents = faceValueCents
            self.quantity = quantity
            self.discountBasisPoints = discountBasisPoints
            self.amountCents = amountCents
        }
    }

    public enum Reason: String, Sendable, Codable, CaseIterable {
        /// The operator refunded an employee's order.
        case orderRefund = "order_refund"
        /// A dotation was cancelled before it was paid.
        case dotationCancelled = "dotation_cancelled"

        /// As printed on the credit note.
        public var label: String {
            switch self {
            case .orderRefund: "Remboursement de la commande (solde non utilisé des e-Cartes)"
            case .dotationCancelled: "Annulation de la dotation avant son paiement, aucune e-Carte émise"
            }
        }
    }

    public let id: UUID
    /// In the invoices' sequence.
    public let number: Int
    public let tenantID: UUID
    public let orderID: UUID?
    public let dotationID: UUID?
    /// The order's or dotation's reference (`CMD-000012`, `DOT-000003`).
    public let subjectReference: String
    /// The invoice it corrects, and that invoice's date (`YYYY-MM-DD`).
    public let invoiceNumber: Int
    public let invoicedOn: String
    public let reason: Reason
    public let lines: [Line]
    public let buyer: BilledParty
    public let issuedAt: Date

    public init(id: UUID, number: Int, tenantID: UUID, orderID: UUID?, dotationID: UUID?, subjectReference: String, invoiceNumber: Int,
                invoicedOn: String, reason: Reason, lines: [Line], buyer: BilledParty, issuedAt: Date) {
        self.id = id
        self.number = number
        self.tenantID = tenantID
        self.orderID = orderID
        self.dotationID = dotationID
        self.subjectReference = subjectReference
        self.invoiceNumber = invoiceNumber
        self.invoicedOn = invoicedOn
        self.reason = reason
        self.lines = lines
        self.buyer = buyer
        self.issuedAt = issuedAt
    }

    /// What the credit note gives back, in cents.
    public var totalCents: Int { lines.reduce(0) { $0 + $1.amountCents } }
    /// The face value of what it cancels, in cents.
    public var faceTotalCents: Int { lines.reduce(0) { $0 + $1.faceValueCents * $1.quantity } }
}
