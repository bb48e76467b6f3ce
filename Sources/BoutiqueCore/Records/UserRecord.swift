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


    public init(id: UUID, role: UserRole, status: UserStatus, email: String, civility: String, firstName: String, lastName: String, phone: String, pendingEmail: String?, rejectionReason: String?, identificationKeyID: UUID?, tenantID: UUID?, tenant: TenantRecord?, hasSecondFactor: Bool, createdAt: Date?) {
        self.id = id
        self.role = role
        self.status = status
        self.email = email
        self.civility = civility
        self.firstName = firstName
        self.lastName = lastName
        self.phone = phone
        self.pendingEmail = pendingEmail
        self.rejectionReason = rejectionReason
        self.identificationKeyID = identificationKeyID
        self.tenantID = tenantID
        self.tenant = tenant
        self.hasSecondFactor = hasSecondFactor
        self.createdAt = createdAt
    }
}
