import BoutiqueCore
import FluentKit
import Foundation

/// Anyone who logs in: an employee or a manager of one CSE, or an operator of the platform.
public final class User: Model, @unchecked Sendable {
    public static let schema = "users"

    @ID(key: .id) public var id: UUID?
    /// The CSE of an employee or manager; `nil` for operators, who belong to no CSE.
    @OptionalParent(key: "tenant_id") public var tenant: Tenant?
    @Field(key: "role") public var role: UserRole
    @Field(key: "status") public var status: UserStatus
    /// Stored lower-cased and trimmed, unique across the platform.
    @Field(key: "email") public var email: String
    @Field(key: "password_hash") public var passwordHash: String
    @Field(key: "civility") public var civility: String
    @Field(key: "first_name") public var firstName: String
    @Field(key: "last_name") public var lastName: String
    @Field(key: "phone") public var phone: String
    /// Why a manager refused the account, shown to the employee.
    @OptionalField(key: "rejection_reason") public var rejectionReason: String?
    /// A new address waiting for its verification link to be followed.
    @OptionalField(key: "pending_email") public var pendingEmail: String?
    /// The identification key typed at registration, if it was a valid one.
    @OptionalField(key: "identification_key_id") public var identificationKeyID: UUID?
    @OptionalField(key: "verified_at") public var verifiedAt: Date?
    @OptionalField(key: "approved_at") public var approvedAt: Date?
    /// The TOTP secret (pending until `totpEnabledAt` is set by a first valid code).
    @OptionalField(key: "totp_secret") public var totpSecret: String?
    @OptionalField(key: "totp_enabled_at") public var totpEnabledAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public init(id: UUID? = nil, tenantID: UUID?, role: UserRole, status: UserStatus, email: String,
                passwordHash: String, civility: String, firstName: String, lastName: String, phone: String = "") {
        self.id = id
        self.$tenant.id = tenantID
        self.role = role
        self.status = status
        self.email = email
        self.passwordHash = passwordHash
        self.civility = civility
        self.firstName = firstName
        self.lastName = lastName
        self.phone = phone
    }
}

extension User {
    /// "Mme Marie Dupont".
    public var displayName: String { [civility, firstName, lastName].filter { !$0.isEmpty }.joined(separator: " ") }
}
