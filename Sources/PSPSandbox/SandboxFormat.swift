import BoutiqueCore
/// Money and HTML text for the hosted page.
enum SandboxFormat {
    /// `47,50 EUR`, `1 250,00 EUR` (French grouping with a no-break space).
    static func amount(_ cents: Int, currency: String) -> String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        let euros = String(magnitude / 100)
        var grouped = ""
        for (index, digit) in euros.enumerated() {
            if index > 0, (euros.count - index).isMultiple(of: 3) { grouped.append("\u{00A0}") }
            grouped.append(digit)
        }
        let remainder = magnitude % 100
        return "\(sign)\(grouped),\(remainder < 10 ? "0" : "")\(remainder) \(currency)"
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
