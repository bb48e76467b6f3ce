import BoutiqueCore
import FluentKit
import Foundation
import SQLKit

extension SessionStore {
    /// Ends every session of the account in the transaction of `tables` (a closed account).
    public static func destroyAll(userID: UUID, in tables: Tables) async throws {
        try await tables.db.requireSQL().raw("DELETE FROM sessions WHERE user_id = \(bind: userID.uuidString)").run()
    }
}
