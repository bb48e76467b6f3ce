import Foundation

/// One line of the audit log as the consoles list it.
public struct AuditRecord: Sendable {
    public let createdAt: Date?
    public let actorEmail: String
    /// The French label.
    public let action: String
    public let target: String
    public let details: String
    public let address: String

    public init(createdAt: Date?, actorEmail: String, action: String, target: String, details: String, address: String) {
        self.createdAt = createdAt
        self.actorEmail = actorEmail
        self.action = action
        self.target = target
        self.details = details
        self.address = address
    }
}
