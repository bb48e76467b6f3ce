import Foundation

/// The CSE a query of tenant-owned rows is confined to. The gateways of such rows take one, so a
/// query without it does not compile; use cases build it from the acting user
/// (`AccountActor.scope`) or, for the operator who acts on a CSE chosen in the console, from that
/// CSE (`TenantScope(operatorChoice:)`). Queries across every CSE are the operator's and carry
/// `acrossTenants` in their name.
public struct TenantScope: Sendable, Hashable {
    public let tenantID: UUID

    /// The scope of a CSE's own user (employee or manager).
    public init(memberOf tenantID: UUID) {
        self.tenantID = tenantID
    }

    /// The scope of the CSE the operator chose in the console.
    public init(operatorChoice tenantID: UUID) {
        self.tenantID = tenantID
    }
}
