/// `unverified` → `pending` → `active`; also `rejected` and `disabled` (SPEC §1), and `closed`: the
/// account was closed (« Fermer mon compte », RGPD art. 17) and anonymised; nothing reopens it.
public enum UserStatus: String, Codable, Sendable, CaseIterable {
    case unverified, pending, active, rejected, disabled, closed
}
