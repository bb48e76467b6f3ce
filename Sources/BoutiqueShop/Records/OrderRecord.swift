import BoutiqueCore
import BoutiqueStore
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
    }

    /// One payment attempt at the provider.
    public struct Attempt: Sendable {
        public let createdAt: Date?
        public let provider: String
        public let reference: String
        public let amountCents: Int
        public let status: String
        public let failureReason: String?
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

    public init(_ order: Order) throws {
        id = try order.requireID()
        reference = order.reference
        tenantID = order.$tenant.id
        status = order.status
        faceTotalCents = order.faceTotalCents
        totalCents = order.totalCents
        savingsCents = order.savingsCents
        invoiceNumber = order.invoiceNumber
        paymentFlag = order.paymentFlag
        createdAt = order.createdAt
        lines = (order.$lines.value ?? []).sorted { $0.position < $1.position }.map {
            Line(position: $0.position, productName: $0.productName, faceValueCents: $0.faceValueCents, quantity: $0.quantity,
                 discountBasisPoints: $0.discountBasisPoints, priceCents: $0.priceCents)
        }
        attempts = (order.$attempts.value ?? []).sorted { ($0.createdAt ?? .distantPast) < ($1.createdAt ?? .distantPast) }.map {
            Attempt(createdAt: $0.createdAt, provider: $0.provider, reference: $0.reference, amountCents: $0.amountCents,
                    status: $0.status, failureReason: $0.failureReason)
        }
        customer = try order.$user.value.map { try UserRecord($0) }
        cseName = order.$tenant.value?.name
    }
}
