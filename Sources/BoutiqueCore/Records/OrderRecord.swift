import Foundation

/// An order as its pages show it. `lines`, `attempts`, `customer` and `cseName` are filled when
/// the use case read them (each use case says which it reads); otherwise empty.
public struct OrderRecord: Sendable {
    /// A line, frozen at ordering time.
    public struct Line: Sendable {
        public let position: Int
        public let productName: String
        public let faceValueCents: Int
        public let quantity: Int
        public let discountBasisPoints: Int
        public let priceCents: Int

        public init(position: Int, productName: String, faceValueCents: Int, quantity: Int, discountBasisPoints: Int, priceCents: Int) {
            self.position = position
            self.productName = productName
            self.faceValueCents = faceValueCents
            self.quantity = quantity
            self.discountBasisPoints = discountBasisPoints
            self.priceCents = priceCents
        }
    }

    /// One payment attempt at the provider.
    public struct Attempt: Sendable {
        public let createdAt: Date?
        public let provider: String
        public let reference: String
        public let amountCents: Int
        public let status: String
        public let failureReason: String?

        public init(createdAt: Date?, provider: String, reference: String, amountCents: Int, status: String, failureReason: String?) {
            self.createdAt = createdAt
            self.provider = provider
            self.reference = reference
            self.amountCents = amountCents
            self.status = status
            self.failureReason = failureReason
        }
    }

    /// A refund of one charge, sent or to send to the provider.
    public struct Refund: Sendable {
        public let createdAt: Date?
        /// The charge it gives back (the attempt's provider reference).
        public let attemptReference: String
        public let amountCents: Int
        public let reason: PaymentRefundReason
        /// pending, done, failed.
        public let status: String

        public init(createdAt: Date?, attemptReference: String, amountCents: Int, reason: PaymentRefundReason, status: String) {
            self.createdAt = createdAt
            self.attemptReference = attemptReference
            self.amountCents = amountCents
            self.reason = reason
            self.status = status
        }
    }

    public let id: UUID
    /// `CMD-000326`.
    public let reference: String
    public let tenantID: UUID
    public let status: OrderStatus
    /// The cards' face value, before the discount.
    public let faceTotalCents: Int
    public let totalCents: Int
    public let savingsCents: Int
    public let invoiceNumber: Int?
    /// What the reconciliation noticed (a late or odd payment), for the operator.
    public let paymentFlag: String?
    public let createdAt: Date?
    /// Sorted by position.
    public let lines: [Line]
    /// Sorted by date.
    public let attempts: [Attempt]
    /// The buyer, when read.
    public let customer: UserRecord?
    /// The CSE's name, when read.
    public let cseName: String?
    /// Refunded to the buyer's bank in all, in cents (always read).
    public let refundedCents: Int
    /// Sorted by date; filled where `attempts` is.
    public let refunds: [Refund]
    /// The buyer its invoice names, as written when it was invoiced (or when the account was
    /// closed, for orders invoiced before); nil when neither happened.
    public let invoiceBuyer: BilledParty?

    public init(id: UUID, reference: String, tenantID: UUID, status: OrderStatus, faceTotalCents: Int, totalCents: Int, savingsCents: Int, invoiceNumber: Int?, paymentFlag: String?, createdAt: Date?, lines: [Line], attempts: [Attempt], customer: UserRecord?, cseName: String?,
                refundedCents: Int = 0, refunds: [Refund] = [], invoiceBuyer: BilledParty? = nil) {
        self.id = id
        self.reference = reference
        self.tenantID = tenantID
        self.status = status
        self.faceTotalCents = faceTotalCents
        self.totalCents = totalCents
        self.savingsCents = savingsCents
        self.invoiceNumber = invoiceNumber
        self.paymentFlag = paymentFlag
        self.createdAt = createdAt
        self.lines = lines
        self.attempts = attempts
        self.customer = customer
        self.cseName = cseName
        self.refundedCents = refundedCents
        self.refunds = refunds
        self.invoiceBuyer = invoiceBuyer
    }
}
