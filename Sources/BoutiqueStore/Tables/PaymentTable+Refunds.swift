import BoutiqueCore
import FluentKit
import Foundation
import SQLKit

/// `payment_refunds`: the refunds of an order's charges. Part of the payments aggregate (a refund
/// belongs to one attempt of one order), hence on `PaymentTable`.
extension PaymentTable {
    /// A refund to send, with what the provider needs.
    public struct Refund: Sendable, Equatable {
        public let id: UUID
        public let orderID: UUID
        public let attemptReference: String
        public let amountCents: Int
        public let reason: PaymentRefundReason
        public let status: String
        public let idempotencyKey: String
    }

    /// Records a refund of `attemptID`'s charge unless one with `idempotencyKey` exists (one
    /// guarded INSERT: a replayed check or a concurrent one records it once).
    /// - Returns: the new refund's id, nil when the key was taken already.
    public func addRefund(orderID: UUID, attemptID: UUID, amountCents: Int, reason: PaymentRefundReason,
                          idempotencyKey: String, at time: Date) async throws -> UUID? {
        let id = UUID()
        let rows = try await db.requireSQL().raw("""
            INSERT INTO payment_refunds (id, order_id, attempt_id, amount_cents, reason, status, idempotency_key, created_at)
            VALUES (\(bind: id), \(bind: orderID), \(bind: attemptID), \(bind: amountCents), \(bind: reason.rawValue), 'pending',
                    \(bind: idempotencyKey), \(bind: time))
            ON CONFLICT (idempotency_key) DO NOTHING RETURNING id
            """).all()
        return rows.isEmpty ? nil : id
    }

    /// One refund, with its charge's provider reference.
    public func refund(_ id: UUID) async throws -> Refund? {
        guard let row = try await PaymentRefund.query(on: db).filter(\.$id == id).with(\.$attempt).first() else { return nil }
        return Refund(id: try row.requireID(), orderID: row.$order.id, attemptReference: row.attempt.reference,
                      amountCents: row.amountCents, reason: PaymentRefundReason(rawValue: row.reason) ?? .operatorRefund,
                      status: row.status, idempotencyKey: row.idempotencyKey)
    }

    /// The provider has refunded it (or refused it for good: `failed`).
    public func setRefundStatus(_ id: UUID, status: String, providerRefundID: String?, at time: Date) async throws {
        try await db.requireSQL().raw("""
            UPDATE payment_refunds SET status = \(bind: status), provider_refund_id = \(bind: providerRefundID), done_at = \(bind: time)
            WHERE id = \(bind: id)
            """).run()
    }

    /// One attempt by id, with what a refund needs.
    public func attempt(id: UUID) async throws -> Attempt? {
        try await PaymentAttempt.find(id, on: db).map(Attempt.init)
    }

    /// Writes the provider's answer on the attempt if it differs from the stored one.
    /// - Returns: whether this call changed it (false: this answer was applied already, by a
    ///   duplicate notification or a concurrent check; on PostgreSQL the row lock orders them).
    public func changeStatus(_ status: String, failureReason: String?, of id: UUID) async throws -> Bool {
        let rows = try await db.requireSQL().raw("""
            UPDATE payment_attempts SET status = \(bind: status), failure_reason = \(bind: failureReason), updated_at = \(bind: Date())
            WHERE id = \(bind: id) AND status <> \(bind: status) RETURNING id
            """).all()
        return !rows.isEmpty
    }
}
