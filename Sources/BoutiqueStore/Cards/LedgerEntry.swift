import BoutiqueCore
import Foundation

/// Who moved money on a card and why: the ledger row's context besides amount and balance.
public struct LedgerEntry: Sendable {
    public var id: UUID
    public var storeCode: String?
    public var posClientID: UUID?
    public var idempotencyKey: String?
    public var reference: String?
    public var createdAt: EpochMilliseconds

    public init(id: UUID = .timeOrdered(), storeCode: String? = nil, posClientID: UUID? = nil, idempotencyKey: String? = nil,
                reference: String? = nil, createdAt: EpochMilliseconds) {
        self.id = id
        self.storeCode = storeCode
        self.posClientID = posClientID
        self.idempotencyKey = idempotencyKey
        self.reference = reference
        self.createdAt = createdAt
    }
}

/// A ledger row as stored.
public struct CardTransactionRecord: Sendable, Equatable {
    public var id: UUID
    public var cardID: UUID
    public var kind: CardTransactionKind
    public var amountCents: Int64
    public var balanceAfterCents: Int64
    public var storeCode: String?
    public var posClientID: UUID?
    public var reference: String?
    public var reversesID: UUID?
    public var createdAt: EpochMilliseconds
}
