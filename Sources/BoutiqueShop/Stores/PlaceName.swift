import Foundation

/// Place names compared as people type them: « saint etienne », « St-Étienne » and « ST ETIENNE »
/// all name Saint-Étienne.
public enum PlaceName {
    /// Lower case, without accents; hyphens, apostrophes and dots as spaces; « St »/« Ste » as
    /// « saint »/« sainte », the way addresses and road signs abbreviate them.
    public static func normalize(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR")).lowercased()
        let words = folded.split { !($0.isLetter || $0.isNumber) }.map { word -> Substring in
            switch word {
            case "st": "saint"
            case "ste": "sainte"
            default: word
            }
        }
        return words.joined(separator: " ")
    }

    /// `normalize` without its spaces, so « Le Mans », « le-mans » and « LeMans » compare equal.
    public static func key(_ text: String) -> String {
        normalize(text).replacingOccurrences(of: " ", with: "")
    }
}
