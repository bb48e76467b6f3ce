import BoutiqueCore
/// Money and HTML text for the hosted page.
enum SandboxFormat {
    /// `47,50 €`, `1 250,00 €`: the shop's own format (`Money.french`) for euros; another
    /// currency by its code.
    static func amount(_ cents: Int, currency: String) -> String {
        let money = Money(cents: cents)
        guard currency != "EUR" else { return money.french }
        return money.french.replacingOccurrences(of: "\u{00A0}€", with: " \(currency)")
    }

    static func escapeHTML(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
