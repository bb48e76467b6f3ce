import BoutiqueCore

/// A bar chart drawn on the server as inline SVG: no script, no inline style (the CSP forbids
/// both), presentation attributes only. Screen readers get the title, a summary and each bar's
/// `<title>`; the page prints the same figures in a table for those who want the numbers.
struct BarChart {
    enum Unit {
        /// Amounts in cents, labelled in euros: `1 200 €`.
        case cents
        /// Plain counts: `1 200`.
        case count
    }

    struct Bar {
        let label: String
        let value: Int
    }

    let id: String
    let title: String
    let unit: Unit
    let bars: [Bar]

    // The drawing's own units; the SVG scales to its container through `viewBox`.
    static let width = 640, height = 260
    static let left = 78, right = 8, top = 12, bottom = 36
    static let gridLines = 4

    /// The `<svg>` element, ready to print unescaped.
    var svg: String {
        let scale = Self.niceMaximum(bars.map(\.value).max() ?? 0)
        var parts = ["<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(Self.width) \(Self.height)\" "
            + "role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\">",
            "<title id=\"\(id)-title\">\(Self.escape(title))</title>",
            "<desc id=\"\(id)-desc\">\(Self.escape(summary))</desc>"]
        parts += grid(scale: scale)
        parts += barElements(scale: scale)
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    /// "30 barres, de 0 € à 152 € ; total 1 234 €."
    var summary: String {
        let values = bars.map(\.value)
        guard let low = values.min(), let high = values.max() else { return "Aucune donnée." }
        return "\(bars.count) barres, de \(format(low)) à \(format(high)) ; total \(format(values.reduce(0, +)))."
    }

    private var plotWidth: Int { Self.width - Self.left - Self.right }
    private var plotHeight: Int { Self.height - Self.top - Self.bottom }

    /// Horizontal lines with their French labels, and the axis.
    private func grid(scale: Int) -> [String] {
        (0...Self.gridLines).map { step in
            let value = scale * step / Self.gridLines
            let y = Self.top + plotHeight - plotHeight * step / Self.gridLines
            return "<line x1=\"\(Self.left)\" y1=\"\(y)\" x2=\"\(Self.width - Self.right)\" y2=\"\(y)\" stroke=\"#d0d7e2\" stroke-width=\"1\"/>"
                + "<text x=\"\(Self.left - 6)\" y=\"\(y + 4)\" text-anchor=\"end\" font-size=\"11\" fill=\"#4a5568\">\(Self.escape(format(value)))</text>"
        }
    }

    /// One `<rect>` per bar, each with its `<title>`; the x labels thin out so they never overlap.
    private func barElements(scale: Int) -> [String] {
        guard !bars.isEmpty else { return [] }
        let slot = plotWidth / bars.count
        let gap = max(1, slot / 5)
        let labelEvery = max(1, (bars.count + 9) / 10)
        return bars.enumerated().map { index, bar in
            let height = scale == 0 ? 0 : plotHeight * max(0, bar.value) / scale
            let x = Self.left + index * slot + gap / 2
            let y = Self.top + plotHeight - height
            var element = "<rect class=\"bar\" x=\"\(x)\" y=\"\(y)\" width=\"\(slot - gap)\" height=\"\(height)\" fill=\"#1d4f91\">"
                + "<title>\(Self.escape("\(bar.label) : \(format(bar.value))"))</title></rect>"
            if index % labelEvery == 0 {
                element += "<text x=\"\(x + (slot - gap) / 2)\" y=\"\(Self.height - Self.bottom + 16)\" text-anchor=\"middle\" "
                    + "font-size=\"11\" fill=\"#4a5568\">\(Self.escape(bar.label))</text>"
            }
            return element
        }
    }

    func format(_ value: Int) -> String {
        switch unit {
        case .cents:
            // Whole euros on the axis read better: `1 200 €` rather than `1 200,00 €`.
            let text = Money(cents: value).french
            return value % 100 == 0 ? text.replacingOccurrences(of: ",00", with: "") : text
        case .count:
            return Self.grouped(value)
        }
    }

    /// `12 345` with the narrow no-break space of French numbers, as `Money.french` groups.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var text = value < 0 ? "-" : ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { text += "\u{202F}" }
            text.append(digit)
        }
        return text
    }

    /// The top of the scale: 1, 2 or 5 times a power of ten, times the grid's steps, at or above
    /// `value`, so that every grid line has a round label. Integers only.
    static func niceMaximum(_ value: Int) -> Int {
        guard value > 0 else { return gridLines }
        let rawStep = (value + gridLines - 1) / gridLines
        var power = 1
        while power * 10 <= rawStep { power *= 10 }
        for factor in [1, 2, 5, 10] where factor * power >= rawStep {
            return factor * power * gridLines
        }
        return 10 * power * gridLines
    }

    static func escape(_ text: String) -> String { HTMLText.escape(text) }
}
