import BoutiqueCore
import FluentKit
import Foundation

/// A key a CSE hands its employees to type at registration ("Clé d'identification"). A valid key
/// whose `autoApprove` is set approves the account without a manager; "0" or an unknown key never does.
public final class IdentificationKey: Model, @unchecked Sendable {
    public static let schema = "identification_keys"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "tenant_id") public var tenant: Tenant
    /// Compared without case or surrounding spaces.
    @Field(key: "code") public var code: String
    @Field(key: "label") public var label: String
    @Field(key: "auto_approve") public var autoApprove: Bool
    @OptionalField(key: "revoked_at") public var revokedAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(id: UUID? = nil, tenantID: UUID, code: String, label: String, autoApprove: Bool) {
        self.id = id
        self.$tenant.id = tenantID
        self.code = code
        self.label = label
        self.autoApprove = autoApprove
    }

    public var isRevoked: Bool { revokedAt != nil }
}
