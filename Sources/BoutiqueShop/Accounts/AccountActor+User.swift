import BoutiqueCore
import BoutiqueStore
import FluentKit

extension AccountActor {
    public init(_ user: User) throws {
        self.init(id: try user.requireID(), role: user.role, tenantID: user.$tenant.id, email: user.email)
    }
}
