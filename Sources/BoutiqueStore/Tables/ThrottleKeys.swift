import BoutiqueCore
import FluentKit
import Foundation
import SQLKit

/// The keys of `throttles` that name a person (`login:account:<e-mail>`, `reset:email:<e-mail>`,
/// `totp:<id>`…), which `Throttle` writes: forgotten with the account.
public struct ThrottleKeys: Sendable {
    let db: any Database

    /// Deletes the counters whose key ends with the address or contains the account's id.
    public func forget(email: String, userID: UUID) async throws {
        let suffix = "%:" + SQLLike.escaped(email.lowercased())
        let id = "%" + SQLLike.escaped(userID.uuidString) + "%"
        try await db.requireSQL().raw("""
            DELETE FROM throttles WHERE LOWER(key) LIKE \(bind: suffix) ESCAPE '\\' OR key LIKE \(bind: id) ESCAPE '\\'
            """).run()
    }
}

extension Tables {
    public var throttleKeys: ThrottleKeys { ThrottleKeys(db: db) }
}
