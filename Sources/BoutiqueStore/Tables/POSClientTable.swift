import BoutiqueCore
import FluentKit
import Foundation
import SQLKit

/// `pos_clients`, `pos_stores`, `pos_keys`: the retailers' tills, their stores and API keys, as
/// the operator's console and the POS API's authentication use them (the statements are
/// `POSClientStore`'s). Platform-wide: a POS client takes the cards of every CSE.
public struct POSClientTable: Sendable {
    let db: any Database

    /// Creates a client with its stores and one key (see `POSClientStore.create`).
    public func create(name: String, storeCodes: [String], keyHash: Data, keyHint: String?, now: EpochMilliseconds) async throws -> UUID {
        try await POSClientStore.create(name: name, storeCodes: storeCodes, keyHash: keyHash, keyHint: keyHint, now: now,
                                        on: try db.requireSQL())
    }

    /// The client named `name`, if one exists (the first created).
    public func client(named name: String) async throws -> UUID? {
        try await POSClientStore.client(named: name, on: try db.requireSQL())
    }

    /// The client's name; nil when it does not exist.
    public func name(of clientID: UUID) async throws -> String? {
        try await POSClientStore.clientName(clientID, on: try db.requireSQL())
    }

    /// Adds store codes to a client; throws `POSClientStoreError.storeTaken` for another client's code.
    public func addStores(_ codes: [String], clientID: UUID, now: EpochMilliseconds) async throws {
        try await POSClientStore.addStores(codes, clientID: clientID, now: now, on: try db.requireSQL())
    }

    /// Adds a key (its hash, and its first characters for the console) to a client.
    public func addKey(_ keyHash: Data, hint: String?, clientID: UUID, now: EpochMilliseconds) async throws {
        try await POSClientStore.addKey(keyHash, hint: hint, clientID: clientID, now: now, on: try db.requireSQL())
    }

    /// The client's name and the key's hint of a key.
    public func keyOwner(_ keyID: UUID) async throws -> (client: String, hint: String?)? {
        try await POSClientStore.keyOwner(keyID, on: try db.requireSQL())
    }

    /// Revokes a live key; false when there is no such live key.
    public func revokeKey(_ keyID: UUID, now: EpochMilliseconds) async throws -> Bool {
        try await POSClientStore.revokeKey(keyID, now: now, on: try db.requireSQL())
    }

    /// The client a live key belongs to.
    public func authenticate(keyHash: Data) async throws -> POSClientIdentity? {
        try await POSClientStore.authenticate(keyHash: keyHash, on: try db.requireSQL())
    }

    /// Records that a key authenticated a request.
    public func touchKey(_ keyID: UUID, now: EpochMilliseconds) async throws {
        try await POSClientStore.touchKey(keyID, now: now, on: try db.requireSQL())
    }

    /// Every client with its stores and keys, by name (the operator's console).
    public func summaries() async throws -> [POSClientSummary] {
        try await POSClientStore.summaries(on: try db.requireSQL())
    }
}

extension Tables {
    public var posClients: POSClientTable { POSClientTable(db: db) }
}

extension POSClientTable {
    /// Forgets idempotency records older than `cutoff` (tills retry within minutes, not weeks).
    public func pruneIdempotency(olderThan cutoff: EpochMilliseconds) async throws {
        try await POSClientStore.pruneIdempotency(olderThan: cutoff, on: try db.requireSQL())
    }
}
