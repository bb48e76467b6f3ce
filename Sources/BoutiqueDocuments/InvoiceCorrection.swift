import BoutiqueCore

/// What a credit note corrects: the invoice it names (number and date, as the Code de commerce
/// asks of a corrective document) and why.
public struct InvoiceCorrection: Sendable, Hashable {
    /// `FAC-000045`.
    public var invoiceNumber: String
    public var invoicedOn: CalendarDate
    public var reason: String
    /// A dotation's invoice (else an order's).
    public var ofDotation: Bool

    public init(invoiceNumber: String, invoicedOn: CalendarDate, reason: String, ofDotation: Bool) {
        self.invoiceNumber = invoiceNumber
        self.invoicedOn = invoicedOn
        self.reason = reason
        self.ofDotation = ofDotation
    }
}
