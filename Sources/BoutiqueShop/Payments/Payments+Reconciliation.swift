import BoutiqueCore
import BoutiquePayments
import BoutiqueStore
import FluentKit
import Foundation
import SQLKit

extension Payments {
    public static let reconcileKind = ShopJobKind.reconcilePayments.rawValue
    /// An order confirmed by nobody this long after the return is asked about.
    public static let confirmationGrace: TimeInterval = 5 * 60
    /// An order never paid this long after it was placed is cancelled.
    public static let abandonment: TimeInterval = 3_600

    /// The periodic job: asks the provider about orders whose confirmation is late, and cancels
    /// orders left unpaid, after a last look at their latest attempt.
    public func reconcile() async throws {
        let late = try await Order.query(on: database.db).filter(\.$status == .awaitingPaymentConfirmation)
            .filter(\.$updatedAt < now().addingTimeInterval(-Self.confirmationGrace)).with(\.$attempts).all()
        for order in late {
            guard let attempt = Self.latest(order.attempts) else { continue }
            try await check(PaymentCheck(provider: attempt.provider, reference: attempt.reference))
        }
        let abandoned = try await Order.query(on: database.db).filter(\.$status == .awaitingPayment)
            .filter(\.$createdAt < now().addingTimeInterval(-Self.abandonment)).with(\.$attempts).all()
        for order in abandoned {
            if let attempt = Self.latest(order.attempts),
               let details = try? await settings.provider.paymentDetails(reference: attempt.reference) {
                try await apply(details, provider: attempt.provider)
                if details.status == .succeeded || details.status == .pending { continue }
            }
            try await OrderTransition.move(orderID: try order.requireID(), from: [.awaitingPayment], to: .cancelled, on: database.db)
        }
    }

    static func latest(_ attempts: [PaymentAttempt]) -> PaymentAttempt? {
        attempts.max { ($0.createdAt ?? .distantPast) < ($1.createdAt ?? .distantPast) }
    }

    /// Registers the payment jobs.
    public func register(in registry: inout JobRegistry) {
        let payments = self
        registry.register(PaymentCheck.kind, payload: PaymentCheck.self) { job, _ in try await payments.check(job) }
        registry.register(Self.reconcileKind) { _, _ in try await payments.reconcile() }
    }
}
