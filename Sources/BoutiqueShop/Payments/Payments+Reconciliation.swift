import BoutiqueCore
import BoutiquePayments
import BoutiqueStore
import Foundation

extension Payments {
    public static let reconcileKind = ShopJobKind.reconcilePayments.rawValue
    /// An order confirmed by nobody this long after the return is asked about.
    public static let confirmationGrace: TimeInterval = 5 * 60
    /// An order never paid this long after it was placed is cancelled.
    public static let abandonment: TimeInterval = 3_600

    /// The periodic job: asks the provider about orders whose confirmation is late, and cancels
    /// orders left unpaid, after a last look at their latest attempt.
    public func reconcile() async throws {
        let late = try await database.tables.orders.awaitingConfirmation(acrossTenants: now().addingTimeInterval(-Self.confirmationGrace))
        for order in late {
            guard let attempt = order.latestAttempt else { continue }
            try await check(PaymentCheck(provider: attempt.provider, reference: attempt.reference))
        }
        let abandoned = try await database.tables.orders.awaitingPayment(acrossTenants: now().addingTimeInterval(-Self.abandonment))
        for order in abandoned {
            if let attempt = order.latestAttempt,
               let details = try? await settings.provider.paymentDetails(reference: attempt.reference) {
                try await apply(details, provider: attempt.provider)
                if details.status == .succeeded || details.status == .pending { continue }
            }
            try await OrderTransition.move(orderID: order.id, from: [.awaitingPayment], to: .cancelled, in: database.tables)
        }
    }

    /// Registers the payment jobs.
    public func register(in registry: inout JobRegistry) {
        let payments = self
        registry.register(PaymentCheck.kind, payload: PaymentCheck.self) { job, _ in try await payments.check(job) }
        registry.register(Self.reconcileKind) { _, _ in try await payments.reconcile() }
    }
}
