import BoutiqueCore
import BoutiqueStore
import Foundation

/// A user as the pages see it: never the password hash nor the second factor's secret.
public struct UserRecord: Sendable, Equatable {
    public let id: UUID
    public let role: UserRole
    public let status: UserStatus
    public let email: String
    public let civility: String
    public let firstName: String
    public let lastName: String
    public let phone: String
    /// A new address waiting for its verification link.
    public let pendingEmail: String?
    /// Why a manager refused the account.
    public let rejectionReason: String?
    public let identificationKeyID: UUID?
    public let tenantID: UUID?
    /// The user's CSE, when it was read with the user (the logged-in user always has it).
    public let tenant: TenantRecord?
    /// Whether logins ask for the authenticator's code.
    public let hasSecondFactor: Bool
    public let createdAt: Date?

    /// "Mme Marie Dupont".
    public var displayName: String { [civility, firstName, lastName].filter { !$0.isEmpty }.joined(separator: " ") }

    /// The acting user for the use cases, from `address`.
    public func actor(from address: String = "local") -> AccountActor {
        AccountActor(id: id, role: role, tenantID: tenantID, email: email, address: address)
    }

    public init(_ user: User, tenant: TenantRecord? = nil) throws {
        id = try user.requireID()
        role = user.role
        status = user.status
        email = user.email
        civility = user.civility
        firstName = user.firstName
        lastName = user.lastName
        phone = user.phone
        pendingEmail = user.pendingEmail
        rejectionReason = user.rejectionReason
        identificationKeyID = user.identificationKeyID
        tenantID = user.$tenant.id
        if let tenant {
            self.tenant = tenant
        } else if case .some(.some(let loaded)) = user.$tenant.value {
            self.tenant = try TenantRecord(loaded)
        } else {
            self.tenant = nil
        }
        hasSecondFactor = user.totpEnabledAt != nil
        createdAt = user.createdAt
    }
}
