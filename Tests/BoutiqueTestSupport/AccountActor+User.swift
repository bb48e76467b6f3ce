import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import FluentKit

extension AccountActor {
    /// The tests' shortcut: the actor of a user row they created themselves.
    public init(_ user: User) throws {
        self.init(id: try user.requireID(), role: user.role, tenantID: user.$tenant.id, email: user.email)
    }
}
