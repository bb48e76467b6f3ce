import BoutiqueCore
import FluentKit
import Foundation

/// One try at paying an order on the provider's page. Every attempt is kept: a refused payment
/// followed by a successful retry shows both.
public final class PaymentAttempt: Model, @unchecked Sendable {
    public static let schema = "payment_attempts"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "order_id") public var order: Order
    /// `sandbox` or `stripe`.
    @Field(key: "provider") public var provider: String
    /// The provider's token / session id.
    @Field(key: "reference") public var reference: String
    @Field(key: "amount_cents") public var amountCents: Int
    @Field(key: "currency") public var currency: String
    /// pending, succeeded, refused, cancelled, expired: the provider's last answer.
    @Field(key: "status") public var status: String
    @OptionalField(key: "failure_reason") public var failureReason: String?
    /// The provider's page for this attempt: paying again while it is open goes back there.
    @OptionalField(key: "redirect_url") public var redirectURL: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public init(orderID: UUID, provider: String, reference: String, amountCents: Int, currency: String, redirectURL: String? = nil) {
        self.redirectURL = redirectURL
        self.$order.id = orderID
        self.provider = provider
        self.reference = reference
        self.amountCents = amountCents
        self.currency = currency
        self.status = "pending"
    }
}

/// A server-to-server notification as it arrived, and what the shop made of it.
public final class PaymentNotification: Model, @unchecked Sendable {
    public static let schema = "payment_notifications"

    @ID(key: .id) public var id: UUID?
    @Field(key: "provider") public var provider: String
    @Field(key: "reference") public var reference: String
    /// queued, unknown, invalid-signature…
    @Field(key: "outcome") public var outcome: String
    @Timestamp(key: "received_at", on: .create) public var receivedAt: Date?

    public init() {}

    public init(provider: String, reference: String, outcome: String) {
        self.provider = provider
        self.reference = reference
        self.outcome = outcome
    }
}
