import BoutiqueCore
import FluentKit
import Foundation

/// `payment_attempts` (each try at paying an order on the provider's page, all kept) and
/// `payment_notifications` (the providers' notifications as they arrived). An attempt belongs to
/// its order: it is found by the provider's reference, which only the provider and its order know.
public struct PaymentTable: Sendable {
    let db: any Database

    /// One payment attempt, with its id and its order's.
    public struct Attempt: Sendable, Equatable {
        public let id: UUID
        public let orderID: UUID
        public let provider: String
        public let reference: String
        public let status: String
        public let amountCents: Int
        /// The provider's page, kept since attempts remember it.
        public let redirectURL: String?
        public let createdAt: Date?

        init(_ attempt: PaymentAttempt) throws {
            id = try attempt.requireID()
            orderID = attempt.$order.id
            provider = attempt.provider
            reference = attempt.reference
            status = attempt.status
            amountCents = attempt.amountCents
            redirectURL = attempt.redirectURL
            createdAt = attempt.createdAt
        }
    }

    /// Writes a new pending attempt of the order at the provider, with its page.
    public func add(orderID: UUID, provider: String, reference: String, amountCents: Int, currency: String,
                    redirectURL: String? = nil) async throws {
        try await PaymentAttempt(orderID: orderID, provider: provider, reference: reference, amountCents: amountCents,
                                 currency: currency, redirectURL: redirectURL).create(on: db)
    }

    /// The attempt the provider knows by `reference`.
    public func attempt(provider: String, reference: String) async throws -> Attempt? {
        try await PaymentAttempt.query(on: db).filter(\.$provider == provider).filter(\.$reference == reference).first()
            .map(Attempt.init)
    }

    /// Whether the provider's `reference` is one of our attempts.
    public func exists(provider: String, reference: String) async throws -> Bool {
        try await PaymentAttempt.query(on: db).filter(\.$provider == provider).filter(\.$reference == reference).count() > 0
    }

    /// The order's latest attempt (the one that speaks for it).
    public func latest(of orderID: UUID) async throws -> Attempt? {
        try Self.latest(try await PaymentAttempt.query(on: db).filter(\.$order.$id == orderID).all()).map(Attempt.init)
    }

    /// The charge that paid the order (the one the operator's refund goes through): the recorded
    /// one, or for orders paid before it was recorded, their succeeded attempt.
    public func succeeded(of orderID: UUID) async throws -> Attempt? {
        if let paid = try await Order.find(orderID, on: db)?.paidAttemptID, let attempt = try await PaymentAttempt.find(paid, on: db) {
            return try Attempt(attempt)
        }
        return try await PaymentAttempt.query(on: db).filter(\.$order.$id == orderID).filter(\.$status == "succeeded").first()
            .map(Attempt.init)
    }

    /// Records a provider's notification and what the shop made of it.
    public func addNotification(provider: String, reference: String, outcome: String) async throws {
        try await PaymentNotification(provider: provider, reference: reference, outcome: outcome).create(on: db)
    }

    /// The notifications about these references, oldest first (the operator's order page).
    public func notifications(about references: [String]) async throws -> [PaymentNotificationRecord] {
        guard !references.isEmpty else { return [] }
        return try await PaymentNotification.query(on: db).filter(\.$reference ~~ references).sort(\.$receivedAt).all()
            .map(PaymentNotificationRecord.init)
    }

    /// The newest of `attempts` by creation time.
    static func latest(_ attempts: [PaymentAttempt]) -> PaymentAttempt? {
        attempts.max { ($0.createdAt ?? .distantPast) < ($1.createdAt ?? .distantPast) }
    }
}

extension Tables {
    public var payments: PaymentTable { PaymentTable(db: db) }
}
