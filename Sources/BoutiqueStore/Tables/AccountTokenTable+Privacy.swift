import BoutiqueCore
import FluentKit
import Foundation

extension AccountTokenTable {
    /// Deletes every link of the account (verification, reset, e-mail change with its new address).
    public func deleteAll(of userID: UUID) async throws {
        try await AccountToken.query(on: db).filter(\.$user.$id == userID).delete()
    }
}
