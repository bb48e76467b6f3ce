/// A Business Identifier Code (ISO 9362, « code SWIFT »): 4 letters for the bank, 2 for its
/// country, 2 letters or digits for the place, optionally 3 for the branch. It has no check
/// digit, so only its shape can be checked.
public struct BIC: Sendable, Hashable, CustomStringConvertible {
    /// Upper case, no spaces: 8 or 11 characters (« BNPAFRPPXXX »).
    public let code: String

    public init(_ text: String) throws(BICError) {
        let compact = Mod97.compact(text)
        func refuse(_ reason: BICError.Reason) -> BICError { BICError(input: text, reason: reason) }
        guard compact.count == 8 || compact.count == 11 else { throw refuse(.length(compact.count)) }
        guard Mod97.isUpperAlphanumeric(compact) else { throw refuse(.characters) }
        guard compact.prefix(6).utf8.allSatisfy({ (65...90).contains($0) }) else { throw refuse(.bankAndCountry) }
        code = compact
    }

    /// The country's two letters (« FR »).
    public var countryCode: String { String(code.dropFirst(4).prefix(2)) }

    public var description: String { code }
}

/// Why a text is not a BIC, in French for pages and settings.
public struct BICError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        case length(Int)
        case characters
        case bankAndCountry
    }

    public let input: String
    public let reason: Reason

    public var description: String {
        let explanation = switch reason {
        case let .length(count): "il compte 8 ou 11 caractères, celui-ci en a \(count)"
        case .characters: "seuls les lettres et les chiffres sont admis"
        case .bankAndCountry: "ses 6 premiers caractères sont des lettres (banque puis pays)"
        }
        return "Le BIC « \(input) » n'est pas valide : \(explanation)."
    }
}
