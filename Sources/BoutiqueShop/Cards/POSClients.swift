import BoutiqueCore
import BoutiqueStore
import Foundation

/// Creates POS clients (retailers) with their store codes and API key.
public struct POSClients: Sendable {
    let database: BoutiqueDatabase
    let now: @Sendable () -> Date

    public init(database: BoutiqueDatabase, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.now = now
    }

    public struct Created: Sendable {
        public var clientID: UUID
        /// Shown once: only its hash is stored.
        public var key: String
        public var storeCodes: [String]
    }

    /// Creates a client, its stores (codes trimmed, upper-cased) and a new key. `actor` is who the
    /// audit log names (the operator, or the command line).
    public func create(actor: AccountActor, name: String, storeCodes: [String], key: String = POSKeys.generate()) async throws -> Created {
        let trimmedName = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmedName.isEmpty, trimmedName.count <= 200 else {
            throw ConfigurationError("Nom de client de caisse invalide (de 1 à 200 caractères).")
        }
        let codes = try Self.normalize(storeCodes)
        let time = EpochMilliseconds.from(now())
        let clientID = try await database.transaction { tables in
            let clientID = try await tables.posClients.create(name: trimmedName, storeCodes: codes, keyHash: POSKeys.hash(key),
                                                              keyHint: POSKeys.hint(key), now: time)
            try await AuditLog.record(.posClientCreated, by: actor, target: trimmedName, tenantID: nil,
                                      details: "magasins : \(codes.isEmpty ? "aucun" : codes.joined(separator: ", "))", in: tables)
            return clientID
        }
        return Created(clientID: clientID, key: key, storeCodes: codes)
    }

    /// Store codes: 1 to 64 letters, digits, `-` or `_`, upper-cased, without duplicates.
    public static func normalize(_ codes: [String]) throws -> [String] {
        var result: [String] = []
        for raw in codes {
            let code = raw.trimmingCharacters(in: .whitespaces).uppercased()
            if code.isEmpty { continue }
            guard code.count <= 64, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                throw ConfigurationError("Code magasin invalide : « \(raw) » (lettres, chiffres, - et _, 64 caractères au plus).")
            }
            if !result.contains(code) { result.append(code) }
        }
        return result
    }
}

extension POSClients {
    /// The client whose key hashes to `keyHash`, if the key is valid; its "last used" time is
    /// written. The POS API caches the answer for a few seconds.
    public func authenticate(keyHash: Data) async throws -> POSClientIdentity? {
        guard let found = try await database.tables.posClients.authenticate(keyHash: keyHash) else { return nil }
        try await database.tables.posClients.touchKey(found.keyID, now: EpochMilliseconds.from(now()))
        return found
    }
}
