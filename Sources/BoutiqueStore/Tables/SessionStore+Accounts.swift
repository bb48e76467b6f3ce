import BoutiqueCore
import Foundation
import SQLKit

extension SessionStore {
    /// The session's user as a plain record (without their CSE), or nil as `user(idHash:)`.
    public func userRecord(idHash: String) async throws -> UserRecord? {
        try await user(idHash: idHash).map { try UserRecord($0) }
    }

    /// Ends every session of the user but the one whose token hashes to `idHash` (a password
    /// changed from that session).
    public func destroyOthers(userID: UUID, keeping idHash: String?) async throws {
        try await database.sql.raw("""
            DELETE FROM sessions WHERE user_id = \(bind: userID.uuidString) AND id_hash <> \(bind: idHash ?? "")
            """).run()
    }
}
