import BoutiqueCore
import Foundation

/// Who acts: the logged-in user as the use cases see it. Every query about CSE data is scoped by
/// `tenantID` (managers) or by `id` (employees); the audit log names the actor by `email`, from
/// `address`.
public struct AccountActor: Sendable, Equatable {
    public let id: UUID
    public let role: UserRole
    /// Nil for operators only.
    public let tenantID: UUID?
    /// The login, as the audit log shows it.
    public let email: String
    /// The client's IP address (the request's, after trusted proxies), or `local` for a command.
    public let address: String

    public init(id: UUID, role: UserRole, tenantID: UUID?, email: String = "", address: String = "local") {
        self.id = id
        self.role = role
        self.tenantID = tenantID
        self.email = email
        self.address = address
    }

    /// Whoever runs a command on the server: the operator's rights, no user row behind them (the
    /// audit log names the command line).
    public static let commandLine = AccountActor(id: nobody, role: .operator, tenantID: nil, email: "ligne de commande")

    /// A visitor who is not logged in (a failed login), from `address`.
    public static func visitor(from address: String) -> AccountActor {
        AccountActor(id: nobody, role: .employee, tenantID: nil, email: "anonyme", address: address)
    }

    /// The id of no user: the command line's, a visitor's.
    static let nobody = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    /// The CSE this actor's queries are confined to: nil for the operator (and the command line),
    /// who choose a CSE explicitly (`TenantScope(operatorChoice:)`).
    public var scope: TenantScope? { tenantID.map(TenantScope.init(memberOf:)) }

    /// The scope of `tenantID` when this actor may act on it: a manager on their own CSE, the
    /// operator on any; nil otherwise.
    public func scope(for tenantID: UUID?) -> TenantScope? {
        guard let tenantID, manages(tenantID: tenantID) else { return nil }
        return role == .operator ? TenantScope(operatorChoice: tenantID) : TenantScope(memberOf: tenantID)
    }

    /// Whether this actor may manage the accounts of `tenantID`.
    public func manages(tenantID: UUID?) -> Bool {
        switch role {
        case .operator: true
        case .manager: tenantID != nil && tenantID == self.tenantID
        case .employee: false
        }
    }
}
