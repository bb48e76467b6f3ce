/// An ISO 11649 structured creditor reference (« RF » reference): RF, two check digits, then up
/// to 21 letters or digits. Banks carry it intact from the payer to the payee, and its check
/// digits let the payee match a transfer to its invoice without reading free text.
public struct CreditorReference: Sendable, Hashable, CustomStringConvertible {
    /// Electronic form, no spaces (« RF18539007547034 »).
    public let electronic: String

    public static let maximumLength = 25

    /// The reference of an invoice: its number's letters and digits (« FAC-2026-000001 » →
    /// « FAC2026000001 »), check digits computed.
    public init(invoiceNumber: String) throws(CreditorReferenceError) {
        let body = String(invoiceNumber.uppercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) })
        guard (1...21).contains(body.count) else {
            throw CreditorReferenceError(input: invoiceNumber, reason: .length)
        }
        // Check digits: 98 − (body + "RF00" mod 97), on two digits.
        let check = 98 - Mod97.remainder(body + "RF00")!
        electronic = "RF" + (check < 10 ? "0" : "") + String(check) + body
    }

    /// Parses a reference typed or read from a bank statement (spaces, lower case accepted).
    public init(_ text: String) throws(CreditorReferenceError) {
        let compact = Mod97.compact(text)
        func refuse(_ reason: CreditorReferenceError.Reason) -> CreditorReferenceError {
            CreditorReferenceError(input: text, reason: reason)
        }
        guard compact.hasPrefix("RF"), compact.dropFirst(2).prefix(2).allSatisfy(\.isNumber) else {
            throw refuse(.start)
        }
        guard (5...Self.maximumLength).contains(compact.count) else { throw refuse(.length) }
        guard Mod97.isUpperAlphanumeric(compact) else { throw refuse(.characters) }
        guard Mod97.remainder(String(compact.dropFirst(4) + compact.prefix(4))) == 1 else {
            throw refuse(.checkDigits)
        }
        electronic = compact
    }

    /// Printed in groups of four (« RF18 5390 0754 7034 »).
    public var grouped: String { Mod97.groupedByFour(electronic) }

    public var description: String { grouped }
}

/// Why a text is not a creditor reference, in French.
public struct CreditorReferenceError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        case start, length, characters, checkDigits
    }

    public let input: String
    public let reason: Reason

    public var description: String {
        let explanation = switch reason {
        case .start: "elle commence par RF puis 2 chiffres de contrôle"
        case .length: "elle compte de 1 à 21 lettres ou chiffres après RF et sa clé"
        case .characters: "seuls les lettres et les chiffres sont admis"
        case .checkDigits: "la clé de contrôle ne correspond pas (faute de frappe ?)"
        }
        return "La référence « \(input) » n'est pas valide : \(explanation)."
    }
}
