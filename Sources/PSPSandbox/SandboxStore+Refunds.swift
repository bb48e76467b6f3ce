import BoutiqueCore
import Foundation
import SQLKit

/// Refunds: the guarded update keeps the refunded total within the amount on both engines, even
/// with concurrent calls.
extension SandboxStore {
    enum RefundOutcome: Sendable, Equatable {
        case refunded(id: String, amount: Int, totalRefunded: Int)
        case exceedsBalance(remaining: Int)
        case notRefundable
    }

    func refund(_ token: String, amount: Int, idempotencyKey: String?, id: String, at time: Int64) async throws -> RefundOutcome {
        try await transaction { sql in
            if let idempotencyKey, let earlier = try await Self.refund(token: token, key: idempotencyKey, on: sql) {
                return earlier
            }
            let row = try await sql.raw("""
                UPDATE psp_payments SET refunded_amount = refunded_amount + \(bind: amount)
                WHERE token = \(bind: token) AND status = 'succeeded' AND refunded_amount + \(bind: amount) <= amount
                RETURNING refunded_amount
                """).first()
            guard let total = try row?.decode(column: "refunded_amount", as: Int.self) else {
                return try await Self.whyNot(token: token, on: sql)
            }
            try await sql.raw("""
                INSERT INTO psp_refunds (id, token, amount, idempotency_key, created_at)
                VALUES (\(bind: id), \(bind: token), \(bind: amount), \(bind: idempotencyKey), \(bind: time))
                """).run()
            return .refunded(id: id, amount: amount, totalRefunded: total)
        }
    }

    private static func refund(token: String, key: String, on sql: any SQLDatabase) async throws -> RefundOutcome? {
        let row = try await sql.raw("""
            SELECT r.id, r.amount, p.refunded_amount FROM psp_refunds r JOIN psp_payments p ON p.token = r.token
            WHERE r.token = \(bind: token) AND r.idempotency_key = \(bind: key)
            """).first()
        guard let row else { return nil }
        return .refunded(id: try row.decode(column: "id", as: String.self), amount: try row.decode(column: "amount", as: Int.self),
                         totalRefunded: try row.decode(column: "refunded_amount", as: Int.self))
    }

    private static func whyNot(token: String, on sql: any SQLDatabase) async throws -> RefundOutcome {
        let row = try await sql.raw("SELECT status, amount, refunded_amount FROM psp_payments WHERE token = \(bind: token)").first()
        guard let row, try row.decode(column: "status", as: String.self) == "succeeded" else { return .notRefundable }
        let remaining = try row.decode(column: "amount", as: Int.self) - row.decode(column: "refunded_amount", as: Int.self)
        return .exceedsBalance(remaining: remaining)
    }
}
