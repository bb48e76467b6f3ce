import BoutiqueCore
import FluentKit
import Foundation

/// An employee's order: its human number (`CMD-000326`), status and totals. Its lines keep a
/// snapshot of what was bought, so later catalogue changes never alter it.
public final class Order: Model, @unchecked Sendable {
    public static let schema = "orders"

    @ID(key: .id) public var id: UUID?
    @Field(key: "number") public var number: Int
    @Field(key: "reference") public var reference: String
    @Parent(key: "tenant_id") public var tenant: Tenant
    @Parent(key: "user_id") public var user: User
    @Field(key: "status") public var status: OrderStatus
    @Field(key: "face_total_cents") public var faceTotalCents: Int
    @Field(key: "total_cents") public var totalCents: Int
    @Field(key: "savings_cents") public var savingsCents: Int
    @Field(key: "terms_accepted_at") public var termsAcceptedAt: Date
    @OptionalField(key: "validated_at") public var validatedAt: Date?
    @OptionalField(key: "activated_at") public var activatedAt: Date?
    /// The gap-free invoice number, taken when the payment is confirmed.
    @OptionalField(key: "invoice_number") public var invoiceNumber: Int?
    /// Why a payment could not validate the order (amount or currency mismatch): for the operator.
    @OptionalField(key: "payment_flag") public var paymentFlag: String?
    /// Refunded to the buyer's bank in all (the operator's refund and any automatic one), in cents.
    @Field(key: "refunded_cents") public var refundedCents: Int
    /// The charge that paid the order (any other charge is refunded).
    @OptionalField(key: "paid_attempt_id") public var paidAttemptID: UUID?
    /// The buyer the invoice names, written when it is invoiced (and before an account is closed).
    @OptionalField(key: "invoice_buyer_name") public var invoiceBuyerName: String?
    @OptionalField(key: "invoice_buyer_email") public var invoiceBuyerEmail: String?
    @Children(for: \.$order) public var lines: [OrderLine]
    @Children(for: \.$order) public var refunds: [PaymentRefund]
    @Children(for: \.$order) public var attempts: [PaymentAttempt]
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public init(id: UUID? = nil, number: Int, tenantID: UUID, userID: UUID, status: OrderStatus, faceTotalCents: Int,
                totalCents: Int, savingsCents: Int, termsAcceptedAt: Date) {
        self.id = id
        self.number = number
        self.reference = Self.reference(for: number)
        self.$tenant.id = tenantID
        self.$user.id = userID
        self.status = status
        self.faceTotalCents = faceTotalCents
        self.totalCents = totalCents
        self.savingsCents = savingsCents
        self.termsAcceptedAt = termsAcceptedAt
        self.refundedCents = 0
    }

    /// `CMD-000326`: six digits at least, more when the shop grows.
    public static func reference(for number: Int) -> String {
        let digits = String(number)
        return "CMD-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}

/// A line of an order, frozen at ordering time.
public final class OrderLine: Model, @unchecked Sendable {
    public static let schema = "order_lines"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "order_id") public var order: Order
    @Field(key: "position") public var position: Int
    @Parent(key: "product_id") public var product: Product
    @Field(key: "product_name") public var productName: String
    @Field(key: "face_value_cents") public var faceValueCents: Int
    @Field(key: "quantity") public var quantity: Int
    @Field(key: "discount_bp") public var discountBasisPoints: Int
    @Field(key: "price_cents") public var priceCents: Int
    @Field(key: "validity_months") public var validityMonths: Int
    @Field(key: "usage_conditions") public var usageConditions: String
    @Field(key: "excluded_categories") public var excludedCategories: [String]

    public init() {}

    public init(orderID: UUID, position: Int, productID: UUID, productName: String, faceValueCents: Int, quantity: Int,
                discountBasisPoints: Int, priceCents: Int, validityMonths: Int, usageConditions: String,
                excludedCategories: [String]) {
        self.$order.id = orderID
        self.position = position
        self.$product.id = productID
        self.productName = productName
        self.faceValueCents = faceValueCents
        self.quantity = quantity
        self.discountBasisPoints = discountBasisPoints
        self.priceCents = priceCents
        self.validityMonths = validityMonths
        self.usageConditions = usageConditions
        self.excludedCategories = excludedCategories
    }
}
