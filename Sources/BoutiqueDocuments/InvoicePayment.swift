import BoutiqueCore

/// How and when the invoice was (or is to be) paid.
public struct InvoicePayment: Sendable, Hashable {
    /// e.g. "Carte bancaire", "Virement bancaire".
    public var method: String
    /// The day the payment was confirmed; `nil` for a dotation awaiting its transfer.
    public var paidOn: CalendarDate?
    /// Terms printed when not yet paid (due date, late-payment penalties for a professional buyer).
    public var terms: String?
    /// The transfer that pays it (beneficiary, IBAN, BIC, amount, RF reference): printed with its
    /// EPC QR code while the invoice is unpaid.
    public var transfer: EPCTransfer?

    public init(method: String, paidOn: CalendarDate?, terms: String? = nil, transfer: EPCTransfer? = nil) {
        self.method = method
        self.paidOn = paidOn
        self.terms = terms
        self.transfer = transfer
    }

    /// The transfer to print: only while unpaid.
    var transferDue: EPCTransfer? { paidOn == nil ? transfer : nil }
}
