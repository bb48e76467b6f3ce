import BoutiqueCore
import BoutiqueStore
import FluentKit
import Foundation

/// The consoles' sensitive actions: who did what, to what, from where. The operator reads all of
/// it; a manager reads their own CSE's part.
public struct AuditLog: Sendable {
    /// Who acted: a logged-in user (or nobody: a command line, a visitor), from an address.
    public struct Author: Sendable {
        public let userID: UUID?
        public let email: String
        public let address: String

        public init(userID: UUID?, email: String, address: String) {
            self.userID = userID
            self.email = email
            self.address = address
        }
    }

    public static let shown = 500
    let database: BoutiqueDatabase

    public init(database: BoutiqueDatabase) { self.database = database }

    public func record(_ author: Author, action: String, target: String, tenantID: UUID?, details: String = "") async throws {
        try await AuditEntry(actorID: author.userID, actorEmail: author.email, tenantID: tenantID, action: action,
                             target: target, details: details, address: author.address).create(on: database.db)
    }

    /// The newest entries the actor may read: everything for the operator, their CSE's for a
    /// manager, nothing for an employee.
    public func entries(actor: AccountActor) async throws -> [AuditRecord] {
        let query = AuditEntry.query(on: database.db)
        switch actor.role {
        case .operator: break
        case .manager:
            guard let tenantID = actor.tenantID else { return [] }
            query.filter(\.$tenantID == tenantID)
        case .employee: return []
        }
        return try await query.sort(\.$createdAt, .descending).limit(Self.shown).all().map(AuditRecord.init)
    }
}

extension AuditLog.Author {
    /// Whoever runs a command on the server: no user row behind them.
    public static let commandLine = AuditLog.Author(userID: nil, email: "ligne de commande", address: "local")
}
