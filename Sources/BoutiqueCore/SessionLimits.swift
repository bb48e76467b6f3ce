/// How long a login lasts. Staff (managers, operators) reach every employee's data, refunds and
/// keys: their sessions end sooner than an employee's, who mostly shows a card at a till.
public struct SessionLimits: Sendable, Equatable {
    /// An employee's session unused this long ends.
    public var idle: Duration
    /// An employee's session ends this long after login, used or not.
    public var absolute: Duration
    /// The same for managers and operators (`BOUTIQUE_STAFF_SESSION_IDLE_MINUTES`, `…_HOURS`).
    public var staffIdle: Duration
    public var staffAbsolute: Duration

    public init(idle: Duration = .seconds(2 * 3_600), absolute: Duration = .seconds(12 * 3_600),
                staffIdle: Duration = .seconds(30 * 60), staffAbsolute: Duration = .seconds(8 * 3_600)) {
        self.idle = idle
        self.absolute = absolute
        self.staffIdle = staffIdle
        self.staffAbsolute = staffAbsolute
    }

    public func idle(for role: UserRole) -> Duration { role == .employee ? idle : staffIdle }
    public func absolute(for role: UserRole) -> Duration { role == .employee ? absolute : staffAbsolute }
}
