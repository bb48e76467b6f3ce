import Foundation

/// A dotation as the consoles show it; `lines` when the use case read them.
public struct DotationRecord: Sendable {
    /// One employee's card of the dotation.
    public struct Line: Sendable {
        public let position: Int
        public let name: String
        public let email: String
        public let amountCents: Int

        public init(position: Int, name: String, email: String, amountCents: Int) {
            self.position = position
            self.name = name
            self.email = email
            self.amountCents = amountCents
        }
    }

    public let id: UUID
    /// `DOT-000001`.
    public let reference: String
    public let tenantID: UUID
    /// The CSE's name, when read.
    public let cseName: String?
    /// An `UrssafEvent` raw value.
    public let event: String
    public let eventYear: Int
    /// `YYYY-MM-DD`.
    public let eventDate: String
    public let activationDate: String?
    public let status: DotationStatus
    public let invoiceNumber: Int
    public let totalCents: Int
    public let createdBy: String
    public let createdAt: Date?
    /// Sorted by position.
    public let lines: [Line]
    /// The buyer its invoice names, as written when it was confirmed; nil for dotations
    /// confirmed before that was kept (the invoice then reads the CSE).
    public let invoiceBuyer: BilledParty?

    public init(id: UUID, reference: String, tenantID: UUID, cseName: String?, event: String, eventYear: Int, eventDate: String, activationDate: String?, status: DotationStatus, invoiceNumber: Int, totalCents: Int, createdBy: String, createdAt: Date?, lines: [Line], invoiceBuyer: BilledParty? = nil) {
        self.id = id
        self.reference = reference
        self.tenantID = tenantID
        self.cseName = cseName
        self.event = event
        self.eventYear = eventYear
        self.eventDate = eventDate
        self.activationDate = activationDate
        self.status = status
        self.invoiceNumber = invoiceNumber
        self.totalCents = totalCents
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.lines = lines
        self.invoiceBuyer = invoiceBuyer
    }
}
