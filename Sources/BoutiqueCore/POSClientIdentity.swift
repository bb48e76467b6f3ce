import Foundation

/// A POS client (a retailer) as its API key authenticates it.
public struct POSClientIdentity: Sendable, Equatable {
    public var clientID: UUID
    public var keyID: UUID
    public var name: String

    public init(clientID: UUID, keyID: UUID, name: String) {
        self.clientID = clientID
        self.keyID = keyID
        self.name = name
    }
}

/// A POS client as the operator's console lists it.
public struct POSClientSummary: Sendable {
    public var id: UUID
    public var name: String
    public var createdAt: EpochMilliseconds
    public var storeCodes: [String]
    public var keys: [POSKeySummary]

    public init(id: UUID, name: String, createdAt: EpochMilliseconds, storeCodes: [String], keys: [POSKeySummary]) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
        self.storeCodes = storeCodes
        self.keys = keys
    }
}

/// A key without its secret: its hint, dates and state.
public struct POSKeySummary: Sendable {
    public var id: UUID
    public var hint: String?
    public var createdAt: EpochMilliseconds
    public var revokedAt: EpochMilliseconds?
    public var lastUsedAt: EpochMilliseconds?

    public init(id: UUID, hint: String?, createdAt: EpochMilliseconds, revokedAt: EpochMilliseconds?, lastUsedAt: EpochMilliseconds?) {
        self.id = id
        self.hint = hint
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.lastUsedAt = lastUsedAt
    }
}

/// Why the operator's change to a POS client was refused.
public enum POSClientStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The store code already belongs to another POS client.
    case storeTaken(String)

    public var description: String {
        switch self {
        case .storeTaken(let code): "Le code magasin « \(code) » appartient déjà à un autre client de caisse."
        }
    }
}
