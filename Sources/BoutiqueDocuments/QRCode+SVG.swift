extension QRCode {
    /// Modules per side with the quiet zone on every side.
    public var sizeWithQuietZone: Int { size + 2 * Self.quietZoneModules }

    /// Dark runs of each row as (x, y, width) in modules, quiet zone excluded: one rectangle per
    /// run keeps the SVG path and the PDF content a fraction of one square per module.
    var darkRuns: [(x: Int, y: Int, width: Int)] {
        var runs: [(x: Int, y: Int, width: Int)] = []
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else { x += 1; continue }
                let start = x
                while x < size, isDark(x: x, y: y) { x += 1 }
                runs.append((x: start, y: y, width: x - start))
            }
        }
        return runs
    }

    /// An SVG image for a web page: white background with the 4-module quiet zone, the dark
    /// modules as one `<path>` in module units (the `viewBox` scales it), `crispEdges` so no
    /// anti-aliasing blurs module edges. `label` is what a screen reader says (`aria-label`).
    public func svg(label: String, moduleSize: Int = 4) -> String {
        let side = sizeWithQuietZone
        var out = PDFByteBuffer(capacity: 64 + darkRuns.count * 16)
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        out.append(integer: side * moduleSize)
        out.append("\" height=\"")
        out.append(integer: side * moduleSize)
        out.append("\" viewBox=\"0 0 ")
        out.append(integer: side)
        out.append(" ")
        out.append(integer: side)
        out.append("\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"")
        out.append(Self.escapedAttribute(label))
        out.append("\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"")
        let margin = Self.quietZoneModules
        for run in darkRuns {
            out.append("M")
            out.append(integer: run.x + margin)
            out.append(" ")
            out.append(integer: run.y + margin)
            out.append("h")
            out.append(integer: run.width)
            out.append("v1h-")
            out.append(integer: run.width)
            out.append("z")
        }
        out.append("\"/></svg>")
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// The label goes into an attribute: the five XML specials escaped.
    static func escapedAttribute(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
