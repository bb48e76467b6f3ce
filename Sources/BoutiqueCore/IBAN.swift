/// An International Bank Account Number (ISO 13616): country code, two check digits, the
/// national account number. Checked by the country's length and the MOD 97-10 rule, which
/// catches every single typing error and every swap of two neighbouring characters.
public struct IBAN: Sendable, Hashable, CustomStringConvertible {
    /// The electronic form: upper case, no spaces (« FR7630006000011234567890189 »).
    public let electronic: String

    /// Accepts the printed form too: spaces and lower case are normalised.
    public init(_ text: String) throws(IBANError) {
        let compact = Mod97.compact(text)
        func refuse(_ reason: IBANError.Reason) -> IBANError { IBANError(input: text, reason: reason) }
        guard !compact.isEmpty else { throw refuse(.empty) }
        guard compact.count >= 5, Mod97.isUpperAlphanumeric(compact) else {
            throw refuse(compact.count < 5 ? .tooShort : .characters)
        }
        let country = String(compact.prefix(2))
        guard country.utf8.allSatisfy({ (65...90).contains($0) }),
              compact.dropFirst(2).prefix(2).utf8.allSatisfy({ (48...57).contains($0) }) else {
            throw refuse(.start)
        }
        guard let length = Self.lengths[country] else { throw refuse(.unknownCountry(country)) }
        guard compact.count == length else {
            throw refuse(.length(country: country, expected: length, actual: compact.count))
        }
        // The four first characters move to the end; the whole must leave 1 modulo 97.
        guard Mod97.remainder(String(compact.dropFirst(4) + compact.prefix(4))) == 1 else {
            throw refuse(.checkDigits)
        }
        electronic = compact
    }

    /// The two-letter country code (« FR »).
    public var countryCode: String { String(electronic.prefix(2)) }

    /// The printed form, groups of four (« FR76 3000 6000 0112 3456 7890 189 »).
    public var grouped: String { Mod97.groupedByFour(electronic) }

    public var description: String { grouped }

    /// IBAN lengths by country, from the ISO 13616 registry (SWIFT, release 2024). France's
    /// overseas departments and territories use France's format.
    static let lengths: [String: Int] = [
        "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
        "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28,
        "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
        "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
        "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20,
        "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18,
        "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24,
        "SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28, "TL": 23, "TN": 24,
        "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
        "BL": 27, "GF": 27, "GP": 27, "MF": 27, "MQ": 27, "NC": 27, "PF": 27, "PM": 27, "RE": 27,
        "TF": 27, "WF": 27, "YT": 27,
    ]
}

/// Why a text is not an IBAN; `description` is the French sentence pages and settings show.
public struct IBANError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        case empty
        case tooShort
        case characters
        case start
        case unknownCountry(String)
        case length(country: String, expected: Int, actual: Int)
        case checkDigits
    }

    public let input: String
    public let reason: Reason

    public var description: String {
        reason == .empty ? "L'IBAN n'est pas renseigné." : "L'IBAN « \(input) » n'est pas valide : \(explanation)."
    }

    private var explanation: String {
        switch reason {
        case .empty:
            "il est vide"
        case .tooShort:
            "il est trop court"
        case .characters:
            "seuls les lettres et les chiffres sont admis"
        case .start:
            "il commence par le code du pays (2 lettres) puis 2 chiffres de contrôle"
        case let .unknownCountry(country):
            "le pays « \(country) » n'a pas d'IBAN"
        case let .length(country, expected, actual):
            "un IBAN \(country) compte \(expected) caractères, celui-ci en a \(actual)"
        case .checkDigits:
            "la clé de contrôle ne correspond pas (faute de frappe ?)"
        }
    }
}
