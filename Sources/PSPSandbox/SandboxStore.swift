import BoutiqueCore
import BoutiquePayments
import BoutiqueStore
import Foundation
import SQLKit

/// The sandbox's own tables, in whatever database it is given (its own SQLite file, or a
/// PostgreSQL database): created at start with `CREATE TABLE IF NOT EXISTS`, outside the shop's
/// migrations, since the sandbox plays an outside company.
struct SandboxStore: Sendable {
    let database: BoutiqueDatabase

    static let schema: [SQLQueryString] = [
        """
        CREATE TABLE IF NOT EXISTS psp_payments (
            token VARCHAR(64) PRIMARY KEY,
            merchant_id VARCHAR(100) NOT NULL,
            amount BIGINT NOT NULL,
            currency VARCHAR(3) NOT NULL,
            order_reference VARCHAR(100) NOT NULL,
            beneficiary VARCHAR(200) NOT NULL,
            customer_email VARCHAR(320),
            return_url TEXT NOT NULL,
            cancel_url TEXT NOT NULL,
            notification_url TEXT NOT NULL,
            status VARCHAR(20) NOT NULL,
            result_code VARCHAR(5) NOT NULL,
            failure_reason TEXT,
            three_d_secure BIGINT NOT NULL DEFAULT 0,
            challenge_code VARCHAR(6),
            card_last4 VARCHAR(4),
            card_brand VARCHAR(20),
            form_key VARCHAR(64) NOT NULL,
            refunded_amount BIGINT NOT NULL DEFAULT 0,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            completed_at BIGINT
        )
        """,
        "CREATE INDEX IF NOT EXISTS psp_payments_pending ON psp_payments (status, expires_at)",
        """
        CREATE TABLE IF NOT EXISTS psp_refunds (
            id VARCHAR(64) PRIMARY KEY,
            token VARCHAR(64) NOT NULL,
            amount BIGINT NOT NULL,
            idempotency_key VARCHAR(200),
            created_at BIGINT NOT NULL,
            UNIQUE (token, idempotency_key)
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS psp_notifications (
            id VARCHAR(64) PRIMARY KEY,
            token VARCHAR(64) NOT NULL,
            url TEXT NOT NULL,
            state VARCHAR(20) NOT NULL,
            attempts BIGINT NOT NULL DEFAULT 0,
            next_attempt_at BIGINT NOT NULL,
            give_up_at BIGINT NOT NULL,
            last_error TEXT,
            created_at BIGINT NOT NULL,
            delivered_at BIGINT
        )
        """,
        "CREATE INDEX IF NOT EXISTS psp_notifications_due ON psp_notifications (state, next_attempt_at)",
    ]

    func createTables() async throws {
        for statement in Self.schema { try await database.sql.raw(statement).run() }
    }

    func insert(_ payment: SandboxPayment) async throws {
        try await database.sql.raw("""
            INSERT INTO psp_payments (token, merchant_id, amount, currency, order_reference, beneficiary, customer_email,
                return_url, cancel_url, notification_url, status, result_code, three_d_secure, form_key, refunded_amount,
                created_at, expires_at)
            VALUES (\(bind: payment.token), \(bind: payment.merchantID), \(bind: payment.amount), \(bind: payment.currency),
                \(bind: payment.orderReference), \(bind: payment.beneficiary), \(bind: payment.customerEmail),
                \(bind: payment.returnURL), \(bind: payment.cancelURL), \(bind: payment.notificationURL),
                \(bind: payment.status.rawValue), \(bind: payment.resultCode), 0, \(bind: payment.formKey), 0,
                \(bind: payment.createdAt), \(bind: payment.expiresAt))
            """).run()
    }

    func payment(_ token: String) async throws -> SandboxPayment? {
        try await database.sql.raw("SELECT * FROM psp_payments WHERE token = \(bind: token)").first().map(Self.payment(from:))
    }

    /// Starts a 3-D Secure challenge, once: a second card submission cannot change the code.
    func startChallenge(_ token: String, code: String, card: TypedCard) async throws -> Bool {
        let rows = try await database.sql.raw("""
            UPDATE psp_payments SET challenge_code = \(bind: code), three_d_secure = 1,
                card_last4 = \(bind: card.last4), card_brand = \(bind: card.brand)
            WHERE token = \(bind: token) AND status = 'pending' AND challenge_code IS NULL RETURNING token
            """).all()
        return !rows.isEmpty
    }

    /// Records a final outcome and its notification in one transaction, only if the payment was
    /// still pending: a double submission or a race with expiry changes nothing.
    /// - Returns: false when the payment was already final.
    func finish(_ token: String, outcome: PaymentOutcome, card: TypedCard?, at time: Int64, notifyAt: Int64,
                giveUpAt: Int64) async throws -> Bool {
        try await transaction { sql in
            let row = try await sql.raw("""
                UPDATE psp_payments SET status = \(bind: outcome.status.rawValue), result_code = \(bind: outcome.resultCode),
                    failure_reason = \(bind: outcome.failureReason), completed_at = \(bind: time),
                    three_d_secure = CASE WHEN three_d_secure = 1 OR \(bind: outcome.threeDSecure ? 1 : 0) = 1 THEN 1 ELSE 0 END,
                    card_last4 = COALESCE(\(bind: card?.last4), card_last4), card_brand = COALESCE(\(bind: card?.brand), card_brand),
                    challenge_code = NULL
                WHERE token = \(bind: token) AND status = 'pending' RETURNING notification_url
                """).first()
            guard let url = try row?.decode(column: "notification_url", as: String.self) else { return false }
            try await Self.enqueueNotification(token: token, url: url, at: time, notifyAt: notifyAt, giveUpAt: giveUpAt, on: sql)
            return true
        }
    }

    /// Expires the pending payments whose time is up and queues their notifications.
    /// - Returns: the expired tokens.
    func expireDue(now time: Int64, notifyAt: Int64, giveUpAt: Int64, token: String? = nil) async throws -> [String] {
        let outcome = PaymentOutcome.expired
        let only: SQLQueryString = token.map { "AND token = \(bind: $0)" } ?? ""
        return try await transaction { sql in
            let rows = try await sql.raw("""
                UPDATE psp_payments SET status = \(bind: outcome.status.rawValue), result_code = \(bind: outcome.resultCode),
                    failure_reason = \(bind: outcome.failureReason), completed_at = \(bind: time), challenge_code = NULL
                WHERE status = 'pending' AND expires_at <= \(bind: time) \(only) RETURNING token, notification_url
                """).all()
            var tokens: [String] = []
            for row in rows {
                let token = try row.decode(column: "token", as: String.self)
                let url = try row.decode(column: "notification_url", as: String.self)
                try await Self.enqueueNotification(token: token, url: url, at: time, notifyAt: notifyAt, giveUpAt: giveUpAt, on: sql)
                tokens.append(token)
            }
            return tokens
        }
    }

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await database.db.transaction { db in
            guard let sql = db as? any SQLDatabase else { throw SandboxStoreError("Base de données non SQL") }
            return try await body(sql)
        }
    }

    static func payment(from row: any SQLRow) throws -> SandboxPayment {
        let status = try row.decode(column: "status", as: String.self)
        return SandboxPayment(
            token: try row.decode(column: "token", as: String.self),
            merchantID: try row.decode(column: "merchant_id", as: String.self),
            amount: try row.decode(column: "amount", as: Int.self),
            currency: try row.decode(column: "currency", as: String.self),
            orderReference: try row.decode(column: "order_reference", as: String.self),
            beneficiary: try row.decode(column: "beneficiary", as: String.self),
            customerEmail: try row.decode(column: "customer_email", as: String?.self),
            returnURL: try row.decode(column: "return_url", as: String.self),
            cancelURL: try row.decode(column: "cancel_url", as: String.self),
            notificationURL: try row.decode(column: "notification_url", as: String.self),
            status: PaymentStatus(rawValue: status) ?? .pending,
            resultCode: try row.decode(column: "result_code", as: String.self),
            failureReason: try row.decode(column: "failure_reason", as: String?.self),
            threeDSecure: try row.decode(column: "three_d_secure", as: Int.self) != 0,
            challengeCode: try row.decode(column: "challenge_code", as: String?.self),
            cardLast4: try row.decode(column: "card_last4", as: String?.self),
            cardBrand: try row.decode(column: "card_brand", as: String?.self),
            formKey: try row.decode(column: "form_key", as: String.self),
            refundedAmount: try row.decode(column: "refunded_amount", as: Int.self),
            createdAt: try row.decode(column: "created_at", as: Int64.self),
            expiresAt: try row.decode(column: "expires_at", as: Int64.self),
            completedAt: try row.decode(column: "completed_at", as: Int64?.self))
    }
}

struct SandboxStoreError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
