import BoutiqueCore
import BoutiqueStore
import Foundation

/// A CSE's identification key as the manager's list shows it.
public struct IdentificationKeyRecord: Sendable {
    public let id: UUID
    public let code: String
    public let label: String
    /// Whether registering with this key activates the account without the manager.
    public let autoApprove: Bool
    public let isRevoked: Bool

    public init(_ key: IdentificationKey) throws {
        id = try key.requireID()
        code = key.code
        label = key.label
        autoApprove = key.autoApprove
        isRevoked = key.isRevoked
    }
}
