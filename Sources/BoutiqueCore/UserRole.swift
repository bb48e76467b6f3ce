/// What a user may do: an employee buys, a manager runs one CSE, an operator runs the platform.
public enum UserRole: String, Codable, Sendable, CaseIterable {
    case employee, manager, `operator`
}
