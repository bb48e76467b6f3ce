import BoutiqueCore
import Foundation

/// A card about to be written: its number and PIN already sealed, its lookup hash computed.
public struct NewCard: Sendable {
    public var id: UUID
    public var tenantID: UUID
    public var ownerID: UUID?
    /// With `lineIndex`, what makes issuing an order line idempotent (a unique index).
    public var orderLineID: UUID?
    public var lineIndex: Int?
    public var numberHash: Data
    public var numberSealed: Data
    public var pinSealed: Data
    public var last4: String
    public var faceValueCents: Int64
    public var currency: String
    public var event: String
    public var usageConditions: String
    public var excludedCategories: [String]
    public var issuedAt: EpochMilliseconds
    /// The last day the card works, `YYYY-MM-DD`, as printed ("Date expiration").
    public var lastDay: String
    /// The first instant it no longer works (start of the day after `lastDay`, French time).
    public var expiresAt: EpochMilliseconds

    public init(id: UUID = UUID(), tenantID: UUID, ownerID: UUID?, orderLineID: UUID?, lineIndex: Int?,
                numberHash: Data, numberSealed: Data, pinSealed: Data, last4: String, faceValueCents: Int64,
                currency: String, event: String, usageConditions: String, excludedCategories: [String],
                issuedAt: EpochMilliseconds, lastDay: String, expiresAt: EpochMilliseconds) {
        self.id = id
        self.tenantID = tenantID
        self.ownerID = ownerID
        self.orderLineID = orderLineID
        self.lineIndex = lineIndex
        self.numberHash = numberHash
        self.numberSealed = numberSealed
        self.pinSealed = pinSealed
        self.last4 = last4
        self.faceValueCents = faceValueCents
        self.currency = currency
        self.event = event
        self.usageConditions = usageConditions
        self.excludedCategories = excludedCategories
        self.issuedAt = issuedAt
        self.lastDay = lastDay
        self.expiresAt = expiresAt
    }
}
