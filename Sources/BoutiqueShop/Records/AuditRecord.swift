import BoutiqueCore
import BoutiqueStore
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

    public init(_ entry: AuditEntry) {
        createdAt = entry.createdAt
        actorEmail = entry.actorEmail
        action = AuditAction.label(of: entry.action)
        target = entry.target
        details = entry.details
        address = entry.address
    }
}
