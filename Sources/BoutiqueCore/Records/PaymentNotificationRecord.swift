import Foundation

/// A provider's notification as it arrived, and what the shop made of it (operator's order page).
public struct PaymentNotificationRecord: Sendable {
    public let receivedAt: Date?
    public let provider: String
    public let reference: String
    public let outcome: String

    public init(receivedAt: Date?, provider: String, reference: String, outcome: String) {
        self.receivedAt = receivedAt
        self.provider = provider
        self.reference = reference
        self.outcome = outcome
    }
}
