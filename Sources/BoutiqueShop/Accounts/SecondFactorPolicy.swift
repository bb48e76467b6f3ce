import BoutiqueCore

/// Who must have a second factor: operators when the platform says so (`BOUTIQUE_OPERATOR_2FA`,
/// required outside the demo), a CSE's managers when their CSE says so. Employees never: their
/// accounts hold cards, not other people's data.
public struct SecondFactorPolicy: Sendable {
    public var operatorsRequired: Bool

    public init(operatorsRequired: Bool) { self.operatorsRequired = operatorsRequired }

    /// Whether `user` must set up and keep a second factor (the user read with their CSE).
    public func requires(_ user: UserRecord) -> Bool {
        switch user.role {
        case .operator: operatorsRequired
        case .manager: user.tenant?.settings.managersNeedSecondFactor ?? false
        case .employee: false
        }
    }

    /// Whether `user` may use the site only to set it up for now.
    public func mustSetUp(_ user: UserRecord) -> Bool { requires(user) && !user.hasSecondFactor }
}
