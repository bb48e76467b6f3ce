import BoutiqueCore
import Foundation

/// How the account forms' fields are cleaned and checked. Each check returns the French message,
/// or nil when the value is acceptable.
public enum FieldRules {
    /// Trims, normalises to NFC, and refuses control and invisible formatting characters.
    public static func clean(_ text: String?) -> String {
        (text ?? "").precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public static func name(_ value: String, field: String, limit: Int = 80) -> String? {
        if value.isEmpty { return AccountMessages.required(field) }
        if value.count > limit { return AccountMessages.tooLong(field, limit) }
        if hasForbiddenCharacters(value) { return AccountMessages.badCharacters(field) }
        return nil
    }

    /// Letters of any script, combining marks, spaces and the usual punctuation of names stay
    /// allowed; controls, bidirectional overrides and zero-width characters do not.
    static func hasForbiddenCharacters(_ value: String) -> Bool {
        value.unicodeScalars.contains { scalar in
            switch scalar.properties.generalCategory {
            case .control, .format, .privateUse, .surrogate, .unassigned, .lineSeparator, .paragraphSeparator: true
            default: false
            }
        }
    }

    /// Lower-cased e-mail, or nil when it does not look like one.
    public static func email(_ raw: String?) -> String? {
        let value = clean(raw).lowercased()
        guard value.count <= 254, !hasForbiddenCharacters(value), !value.contains(" ") else { return nil }
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64 else { return nil }
        let domain = parts[1]
        guard domain.contains("."), !domain.hasPrefix("."), !domain.hasSuffix("."), !domain.contains(".."),
              domain.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }) else { return nil }
        return value
    }

    public static func phone(_ value: String) -> String? {
        let digits = value.filter(\.isNumber)
        let allowed = value.allSatisfy { $0.isNumber || " +.-()".contains($0) }
        if value.isEmpty { return AccountMessages.required("Téléphone") }
        return allowed && (8...15).contains(digits.count) ? nil : AccountMessages.phoneInvalid
    }

    /// The CNIL-style rule kept simple: a long passphrase beats forced symbols, but not one an
    /// attacker tries first (a common password, one character repeated, a run of keys).
    public static func password(_ password: String, confirmation: String?, email: String?) -> [(String, String)] {
        var problems: [(String, String)] = []
        if password.count < 12 { problems.append(("password", AccountMessages.passwordTooShort)) }
        else if password.count > 128 { problems.append(("password", AccountMessages.passwordTooLong)) }
        else if let email, password.lowercased() == email.lowercased() { problems.append(("password", AccountMessages.passwordIsEmail)) }
        else if CommonPasswords.contains(password) { problems.append(("password", AccountMessages.passwordCommon)) }
        else if PasswordPatterns.isRepeated(password) { problems.append(("password", AccountMessages.passwordRepeated)) }
        else if PasswordPatterns.isSequence(password) { problems.append(("password", AccountMessages.passwordSequence)) }
        if let confirmation, confirmation != password { problems.append(("passwordConfirmation", AccountMessages.passwordMismatch)) }
        return problems
    }

    public static let civilities = ["Mme", "M."]
}
