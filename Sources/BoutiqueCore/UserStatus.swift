/// `unverified` → `pending` → `active`; also `rejected` and `disabled` (SPEC §1).
public enum UserStatus: String, Codable, Sendable, CaseIterable {
    case unverified, pending, active, rejected, disabled
}
