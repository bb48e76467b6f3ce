import BoutiqueCore
import BoutiqueStore
import Foundation

/// The operator console's actions on POS clients: list, new key, revocation, more stores.
extension POSClients {
    public func list() async throws -> [POSClientSummary] {
        try await POSClientStore.summaries(on: database.sql)
    }

    /// A new key for an existing client, returned once: only its hash and hint are kept.
    /// - Returns: nil when the client does not exist.
    public func issueKey(clientID: UUID, key: String = POSKeys.generate()) async throws -> String? {
        let time = EpochMilliseconds.from(now())
        let issued = try await database.withSQLTransaction { sql -> Bool in
            guard try await POSClientStore.clientExists(clientID, on: sql) else { return false }
            try await POSClientStore.addKey(POSKeys.hash(key), hint: POSKeys.hint(key), clientID: clientID, now: time, on: sql)
            return true
        }
        return issued ? key : nil
    }

    /// - Returns: false when the key is unknown or already revoked.
    public func revoke(keyID: UUID) async throws -> Bool {
        try await POSClientStore.revokeKey(keyID, now: EpochMilliseconds.from(now()), on: database.sql)
    }

    /// Adds store codes to a client, all or none (a code of another client refuses the lot).
    /// - Returns: the codes added, normalised; nil when the client does not exist.
    public func addStores(clientID: UUID, codes raw: [String]) async throws -> [String]? {
        let codes = try Self.normalize(raw)
        let time = EpochMilliseconds.from(now())
        return try await database.withSQLTransaction { sql -> [String]? in
            guard try await POSClientStore.clientExists(clientID, on: sql) else { return nil }
            try await POSClientStore.addStores(codes, clientID: clientID, now: time, on: sql)
            return codes
        }
    }
}
