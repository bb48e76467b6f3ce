/// A payment service provider (PSP) seen from the shop: the built-in sandbox, Stripe Checkout…
///
/// The shop follows pretix's rule: preparing a payment never moves money, and only what
/// `paymentDetails(reference:)` answers (asked after a notification, on the return page, or by
/// reconciliation) changes an order. A notification or a browser redirect is only a hint to ask.
public protocol PaymentProvider: Sendable {
    /// Prepares a payment on the provider's hosted page. Moves no money: the customer still has to
    /// pay on the page at `PaymentCreation.redirectURL`.
    /// - Returns: the provider's reference for the payment (to keep with the order) and the page.
    /// - Throws: `PaymentProviderError`; `isTransient` tells whether trying again may succeed.
    func createPayment(_ request: PaymentRequest) async throws -> PaymentCreation

    /// The provider's current view of a payment: the only source of truth for the order's state.
    /// - Throws: `PaymentProviderError` (`.notFound` for an unknown reference).
    func paymentDetails(reference: String) async throws -> PaymentDetails

    /// Refunds `amount` cents (all or part of what is left) of a succeeded payment.
    ///
    /// `idempotencyKey`, when given, makes a retried call (after a time-out, say) refund once only:
    /// the provider answers the first refund made with that key again.
    /// - Throws: `PaymentProviderError`; `.refundRejected` when the amount exceeds what is left or
    ///   the payment cannot be refunded.
    func refund(reference: String, amount: Int, idempotencyKey: String?) async throws -> RefundResult
}

extension PaymentProvider {
    /// Refunds without an idempotency key: a retried call may refund twice, prefer passing one.
    public func refund(reference: String, amount: Int) async throws -> RefundResult {
        try await refund(reference: reference, amount: amount, idempotencyKey: nil)
    }
}
