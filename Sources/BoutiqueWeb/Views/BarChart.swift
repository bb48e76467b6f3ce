/// A bar chart drawn on the server as inline SVG: no script, no inline style (the CSP allows
/// neither), readable by screen readers (`role="img"`, a `<title>`, each bar's own `<title>`).
struct BarChart {
    struct Bar {
        let label: String
        let value: Int
    }

    let title: String
    let bars: [Bar]
    /// How a value reads in the tooltips and the axis: `152.00 €`, `12`.
    let format: @Sendable (Int) -> String

    static let width = 720, height = 240, left = 80, bottom = 30, top = 12

    var svg: String {
        let maximum = max(1, bars.map(\.value).max() ?? 1)
        let plotWidth = Self.width - Self.left - 8, plotHeight = Self.height - Self.bottom - Self.top
        let slot = bars.isEmpty ? plotWidth : plotWidth / bars.count
        let barWidth = max(2, slot * 7 / 10)
        // A label every few bars keeps 30 days legible.
        let labelEvery = max(1, (bars.count + 9) / 10)
        var parts = ["<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.width) \(Self.height)\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\">",
                     "<title>\(HTMLText.escape(title))</title>",
                     "<line x1=\"\(Self.left)\" y1=\"\(Self.top + plotHeight)\" x2=\"\(Self.width - 8)\" y2=\"\(Self.top + plotHeight)\" stroke=\"#8a94a6\"/>",
                     "<text x=\"\(Self.left - 6)\" y=\"\(Self.top + 10)\" text-anchor=\"end\" font-size=\"11\" fill=\"#4a5568\">\(HTMLText.escape(format(maximum)))</text>",
                     "<text x=\"\(Self.left - 6)\" y=\"\(Self.top + plotHeight)\" text-anchor=\"end\" font-size=\"11\" fill=\"#4a5568\">\(HTMLText.escape(format(0)))</text>"]
        for (index, bar) in bars.enumerated() {
            let barHeight = bar.value <= 0 ? 0 : max(1, bar.value * plotHeight / maximum)
            let x = Self.left + index * slot + (slot - barWidth) / 2
            let y = Self.top + plotHeight - barHeight
            parts.append("<rect class=\"bar\" x=\"\(x)\" y=\"\(y)\" width=\"\(barWidth)\" height=\"\(barHeight)\" fill=\"#1d4f91\">"
                         + "<title>\(HTMLText.escape(bar.label)) : \(HTMLText.escape(format(bar.value)))</title></rect>")
            if index % labelEvery == 0 {
                parts.append("<text x=\"\(x + barWidth / 2)\" y=\"\(Self.height - 10)\" text-anchor=\"middle\" font-size=\"11\" fill=\"#4a5568\">\(HTMLText.escape(bar.label))</text>")
            }
        }
        parts.append("</svg>")
        return parts.joined()
    }
}

/// Escapes text for HTML and SVG markup built in code (templates escape by themselves).
enum HTMLText {
    static func escape(_ text: String) -> String {
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
