import Foundation

/// A CSE's identification key as the manager's list shows it.
public struct IdentificationKeyRecord: Sendable {
    public let id: UUID
    public let code: String
    public let label: String
    /// Whether registering with this key activates the account without the manager.
    public let autoApprove: Bool
    public let isRevoked: Bool

    public init(id: UUID, code: String, label: String, autoApprove: Bool, isRevoked: Bool) {
        self.id = id
        self.code = code
        self.label = label
        self.autoApprove = autoApprove
        self.isRevoked = isRevoked
    }
}
