import BoutiqueCore
import FluentKit

/// Every table's gateway, bound to one connection: the pools (`BoutiqueDatabase.tables`) or one
/// transaction (`BoutiqueDatabase.transaction`). Each gateway owns its table (or aggregate: a row
/// and its lines) and is the only code that writes or reads it; it returns plain records from Core.
/// Gateways of tenant-owned rows take a `TenantScope`.
///
/// A gateway adds itself here from its own file (`extension Tables { public var orders: … }`).
public struct Tables: Sendable {
    let db: any Database

    init(db: any Database) {
        self.db = db
    }
}

extension BoutiqueDatabase {
    /// The gateways on the pools: each call is its own statement(s), committed at once.
    public var tables: Tables { Tables(db: db) }

    /// Runs `body` in one database transaction: what it does through `tables` commits together, or
    /// not at all when it throws (the error is rethrown).
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (Tables) async throws -> T) async throws -> T {
        try await db.transaction { db in try await body(Tables(db: db)) }
    }
}
