import BoutiqueCore
import BoutiqueStore
import Foundation

/// Who acts: the logged-in user as the use cases see it. Every query about CSE data is scoped by
/// `tenantID` (managers) or by `id` (employees).
public struct AccountActor: Sendable, Equatable {
    public let id: UUID
    public let role: UserRole
    /// Nil for operators only.
    public let tenantID: UUID?

    public init(id: UUID, role: UserRole, tenantID: UUID?) {
        self.id = id
        self.role = role
        self.tenantID = tenantID
    }

    public init(_ user: User) throws {
        self.init(id: try user.requireID(), role: user.role, tenantID: user.$tenant.id)
    }

    /// Whether this actor may manage the accounts of `tenantID`.
    public func manages(tenantID: UUID?) -> Bool {
        switch role {
        case .operator: true
        case .manager: tenantID != nil && tenantID == self.tenantID
        case .employee: false
        }
    }
}
