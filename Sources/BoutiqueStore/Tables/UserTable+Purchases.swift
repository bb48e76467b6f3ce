import BoutiqueCore
import FluentKit
import Foundation
import SQLKit

extension UserTable {
    /// Takes the buyer's lock until the transaction ends, so that two placements or payment
    /// confirmations of one buyer run one after the other and each sees the other's order in its
    /// cap sums. PostgreSQL: the user's row `FOR UPDATE`. SQLite: a write to the row, which takes
    /// the database's write lock now (this process has one connection, so its transactions are
    /// serial anyway; another process's transaction waits instead of committing in between).
    /// Call it before reading what the caps count.
    public func lockForPurchases(_ userID: UUID) async throws {
        let sql = try db.requireSQL()
        if sql.dialect.name == "sqlite" {
            try await sql.raw("UPDATE users SET id = id WHERE id = \(bind: userID)").run()
        } else {
            _ = try await sql.raw("SELECT id FROM users WHERE id = \(bind: userID) FOR UPDATE").all()
        }
    }
}
