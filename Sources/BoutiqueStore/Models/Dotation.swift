import BoutiqueCore
import FluentKit
import Foundation

/// Cards a CSE gives its employees for an URSSAF event ("Noël des salariés 2026"), invoiced to the CSE.
public final class Dotation: Model, @unchecked Sendable {
    public static let schema = "dotations"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "tenant_id") public var tenant: Tenant
    /// `DOT-000001`, gap-free.
    @Field(key: "reference") public var reference: String
    /// An `UrssafEvent` raw value.
    @Field(key: "event") public var event: String
    @Field(key: "event_year") public var eventYear: Int
    /// The event's day, `YYYY-MM-DD`.
    @Field(key: "event_date") public var eventDate: String
    /// The day the cards appear in the employees' space, `YYYY-MM-DD`; at payment when nil.
    @OptionalField(key: "activation_date") public var activationDate: String?
    @Enum(key: "status") public var status: DotationStatus
    /// Taken from the shop's gap-free invoice counter when the dotation is confirmed.
    @Field(key: "invoice_number") public var invoiceNumber: Int
    @Field(key: "total_cents") public var totalCents: Int
    @Field(key: "created_by") public var createdBy: String
    @Children(for: \.$dotation) public var lines: [DotationLine]
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @OptionalField(key: "paid_at") public var paidAt: Date?
    @OptionalField(key: "issued_at") public var issuedAt: Date?
    /// The buyer its invoice names (a `BilledParty` in JSON), written when it is confirmed (M121).
    @OptionalField(key: "invoice_buyer_json") public var invoiceBuyerJSON: String?

    public init() {}

    public init(tenantID: UUID, reference: String, event: String, eventYear: Int, eventDate: String, activationDate: String?,
                invoiceNumber: Int, totalCents: Int, createdBy: String, invoiceBuyerJSON: String? = nil) {
        self.$tenant.id = tenantID
        self.reference = reference
        self.event = event
        self.eventYear = eventYear
        self.eventDate = eventDate
        self.activationDate = activationDate
        self.status = .awaitingPayment
        self.invoiceNumber = invoiceNumber
        self.totalCents = totalCents
        self.createdBy = createdBy
        self.invoiceBuyerJSON = invoiceBuyerJSON
    }
}

/// One employee's card of a dotation. Its id is the card's `order_line_id`, which makes issuing idempotent.
public final class DotationLine: Model, @unchecked Sendable {
    public static let schema = "dotation_lines"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "dotation_id") public var dotation: Dotation
    @Parent(key: "user_id") public var user: User
    @Field(key: "amount_cents") public var amountCents: Int
    @Field(key: "position") public var position: Int

    public init() {}

    public init(dotationID: UUID, userID: UUID, amountCents: Int, position: Int) {
        self.$dotation.id = dotationID
        self.$user.id = userID
        self.amountCents = amountCents
        self.position = position
    }
}
