import BoutiqueCore
import FluentKit
import Foundation

/// One sensitive action in a console: approving an account, revoking a key, refunding an order…
public final class AuditEntry: Model, @unchecked Sendable {
    public static let schema = "audit_log"

    @ID(key: .id) public var id: UUID?
    @OptionalField(key: "actor_id") public var actorID: UUID?
    @Field(key: "actor_email") public var actorEmail: String
    /// The CSE the action concerns, for its managers' view of the log.
    @OptionalField(key: "tenant_id") public var tenantID: UUID?
    @Field(key: "action") public var action: String
    @Field(key: "target") public var target: String
    @Field(key: "details") public var details: String
    /// The IP address the request came from.
    @Field(key: "address") public var address: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(actorID: UUID?, actorEmail: String, tenantID: UUID?, action: String, target: String, details: String, address: String) {
        self.actorID = actorID
        self.actorEmail = actorEmail
        self.tenantID = tenantID
        self.action = action
        self.target = target
        self.details = details
        self.address = address
    }
}
