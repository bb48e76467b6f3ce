@testable import BoutiqueShop
import BoutiqueStore
import Foundation

/// The clear TOTP secret of an account, opened from its sealed form the way the shop does: what
/// the owner's authenticator app holds, so that tests can compute its codes.
enum TestTOTP {
    static func secret(_ user: User?) -> String? {
        guard let user, let stored = user.totpSecret, let id = user.id, let secrets = testCardSecrets else { return nil }
        return TOTPSealer(secrets: secrets).open(stored, userID: id)
    }
}
