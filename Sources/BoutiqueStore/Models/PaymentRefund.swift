import BoutiqueCore
import FluentKit
import Foundation

/// A refund sent (or to send) to the provider for one charge of an order.
public final class PaymentRefund: Model, @unchecked Sendable {
    public static let schema = "payment_refunds"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "order_id") public var order: Order
    /// The charge it gives back.
    @Parent(key: "attempt_id") public var attempt: PaymentAttempt
    @Field(key: "amount_cents") public var amountCents: Int
    /// `PaymentRefundReason`'s raw value.
    @Field(key: "reason") public var reason: String
    /// pending (the job has not reached the provider yet), done, failed.
    @Field(key: "status") public var status: String
    /// Sent to the provider, unique here: one refund per key, whoever asks again.
    @Field(key: "idempotency_key") public var idempotencyKey: String
    @OptionalField(key: "provider_refund_id") public var providerRefundID: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @OptionalField(key: "done_at") public var doneAt: Date?

    public init() {}

    public init(orderID: UUID, attemptID: UUID, amountCents: Int, reason: String, idempotencyKey: String) {
        self.$order.id = orderID
        self.$attempt.id = attemptID
        self.amountCents = amountCents
        self.reason = reason
        self.status = "pending"
        self.idempotencyKey = idempotencyKey
    }
}
