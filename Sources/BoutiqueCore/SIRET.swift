/// A French company's SIREN (9 digits) and an establishment's SIRET (SIREN + 5 digits), both
/// checked with the Luhn rule. La Poste's establishments (SIREN 356 000 000) are too many for
/// the Luhn digit: INSEE numbers theirs so the sum of the digits is a multiple of 5 (its head
/// office, 356 000 000 00048, kept a Luhn-valid number, so either rule admits a La Poste SIRET).
public struct SIREN: Sendable, Hashable, CustomStringConvertible {
    public let digits: String

    static let laPoste = "356000000"

    public init(_ text: String) throws(SIRETError) {
        let compact = SIRET.compact(text)
        guard compact.count == 9, compact.utf8.allSatisfy({ (48...57).contains($0) }) else {
            throw SIRETError(kind: .siren, input: text, reason: .length(expected: 9, actual: compact.count))
        }
        guard Luhn.isValid(compact) else { throw SIRETError(kind: .siren, input: text, reason: .checkDigit) }
        digits = compact
    }

    init(unchecked digits: String) { self.digits = digits }

    /// « 732 829 320 »
    public var grouped: String { "\(digits.prefix(3)) \(digits.dropFirst(3).prefix(3)) \(digits.suffix(3))" }

    public var description: String { grouped }
}

public struct SIRET: Sendable, Hashable, CustomStringConvertible {
    public let digits: String

    /// Spaces, dots and dashes are ignored, as SIRETs are printed in many ways.
    public init(_ text: String) throws(SIRETError) {
        let compact = Self.compact(text)
        guard compact.count == 14, compact.utf8.allSatisfy({ (48...57).contains($0) }) else {
            throw SIRETError(kind: .siret, input: text, reason: .length(expected: 14, actual: compact.count))
        }
        let valid = compact.hasPrefix(SIREN.laPoste)
            ? compact.utf8.reduce(0) { $0 + Int($1) - 48 } % 5 == 0 || Luhn.isValid(compact)
            : Luhn.isValid(compact) && Luhn.isValid(String(compact.prefix(9)))
        guard valid else { throw SIRETError(kind: .siret, input: text, reason: .checkDigit) }
        digits = compact
    }

    /// A SIRET already checked (read back from storage).
    init(unchecked digits: String) { self.digits = digits }

    public var siren: SIREN { SIREN(unchecked: String(digits.prefix(9))) }

    /// « 732 829 320 00074 »
    public var grouped: String { "\(siren.grouped) \(digits.suffix(5))" }

    public var description: String { grouped }

    static func compact(_ text: String) -> String {
        String(text.filter { !$0.isWhitespace && $0 != "." && $0 != "-" })
    }
}

/// Why a text is not a SIREN or SIRET, in French for the forms.
public struct SIRETError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case siren = "SIREN"
        case siret = "SIRET"
    }

    public enum Reason: Sendable, Hashable {
        case length(expected: Int, actual: Int)
        case checkDigit
    }

    public let kind: Kind
    public let input: String
    public let reason: Reason

    public var description: String {
        let explanation = switch reason {
        case let .length(expected, actual): "il compte \(expected) chiffres, celui-ci \(actual) caractères"
        case .checkDigit: "la clé de contrôle ne correspond pas (faute de frappe ?)"
        }
        return "Le \(kind.rawValue) « \(input) » n'est pas valide : \(explanation)."
    }
}
