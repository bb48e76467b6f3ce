import BoutiqueCore
import BoutiqueStore
import Foundation

/// A provider's notification as it arrived, and what the shop made of it (operator's order page).
public struct PaymentNotificationRecord: Sendable {
    public let receivedAt: Date?
    public let provider: String
    public let reference: String
    public let outcome: String

    public init(_ notification: PaymentNotification) {
        receivedAt = notification.receivedAt
        provider = notification.provider
        reference = notification.reference
        outcome = notification.outcome
    }
}
