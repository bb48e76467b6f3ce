import BoutiqueCore
import BoutiqueStore
import Foundation

/// The operator console's actions on POS clients: list, new key, revocation, more stores.
extension POSClients {
    public func list() async throws -> [POSClientSummary] {
        try await database.tables.posClients.summaries()
    }

    /// A new key for an existing client, returned once: only its hash and hint are kept.
    /// - Returns: nil when the client does not exist.
    public func issueKey(actor: AccountActor, clientID: UUID, key: String = POSKeys.generate()) async throws -> String? {
        let time = EpochMilliseconds.from(now())
        let issued = try await database.transaction { tables -> Bool in
            guard let name = try await tables.posClients.name(of: clientID) else { return false }
            try await tables.posClients.addKey(POSKeys.hash(key), hint: POSKeys.hint(key), clientID: clientID, now: time)
            try await AuditLog.record(.posKeyCreated, by: actor, target: name, tenantID: nil, details: POSKeys.hint(key), in: tables)
            return true
        }
        return issued ? key : nil
    }

    /// - Returns: false when the key is unknown or already revoked.
    public func revoke(actor: AccountActor, keyID: UUID) async throws -> Bool {
        let time = EpochMilliseconds.from(now())
        return try await database.transaction { tables -> Bool in
            guard let owner = try await tables.posClients.keyOwner(keyID),
                  try await tables.posClients.revokeKey(keyID, now: time) else { return false }
            try await AuditLog.record(.posKeyRevoked, by: actor, target: owner.client, tenantID: nil, details: owner.hint ?? "", in: tables)
            return true
        }
    }

    /// Adds store codes to a client, all or none (a code of another client refuses the lot).
    /// - Returns: the codes added, normalised; nil when the client does not exist.
    public func addStores(actor: AccountActor, clientID: UUID, codes raw: [String]) async throws -> [String]? {
        let codes = try Self.normalize(raw)
        let time = EpochMilliseconds.from(now())
        return try await database.transaction { tables -> [String]? in
            guard let name = try await tables.posClients.name(of: clientID) else { return nil }
            try await tables.posClients.addStores(codes, clientID: clientID, now: time)
            try await AuditLog.record(.posStoresAdded, by: actor, target: name, tenantID: nil, details: codes.joined(separator: ", "), in: tables)
            return codes
        }
    }
}
