extension Code128 {
    /// Total width in modules including both quiet zones.
    public var moduleCountWithQuietZones: Int { moduleCount + 2 * Self.quietZoneModules }

    /// An SVG image of the barcode (white background including the quiet zones, black bars), to
    /// show full-width on a phone at the till. `moduleWidth` and `height` are in SVG user units;
    /// the image scales with its `viewBox`, and `crispEdges` keeps bars sharp at any size.
    public func svg(moduleWidth: Double = 2, height: Double = 80) -> String {
        let totalWidth = Double(moduleCountWithQuietZones) * moduleWidth
        var out = PDFByteBuffer(capacity: 2048)
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        out.append(number: totalWidth)
        out.append("\" height=\"")
        out.append(number: height)
        out.append("\" viewBox=\"0 0 ")
        out.append(number: totalWidth)
        out.append(" ")
        out.append(number: height)
        out.append("\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"Code-barres\">")
        out.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"")
        for bar in bars {
            // One subpath per bar: M x 0 h w v height h -w z
            let x = Double(bar.start + Self.quietZoneModules) * moduleWidth
            out.append("M")
            out.append(number: x)
            out.append(" 0h")
            out.append(number: Double(bar.width) * moduleWidth)
            out.append("v")
            out.append(number: height)
            out.append("h")
            out.append(number: -Double(bar.width) * moduleWidth)
            out.append("z")
        }
        out.append("\"/></svg>")
        return String(decoding: out.bytes, as: UTF8.self)
    }
}

extension PDFPage {
    /// Draws a Code 128 barcode as vector bars on a white box that includes the quiet zones, so a
    /// tinted background never touches the bars. (`x`, `y`) is the top-left of the quiet zone box.
    /// A module of 0.96 pt is exactly 2 pixels at 150 dpi and 4 at 300 dpi, which scanners like.
    /// Returns the box's width.
    @discardableResult
    public mutating func drawBarcode(
        _ code: Code128, x: Double, y: Double, moduleWidth: Double = 0.96, height: Double = 40
    ) -> Double {
        let totalWidth = Double(code.moduleCountWithQuietZones) * moduleWidth
        fillRectangle(x: x, y: y, width: totalWidth, height: height, color: .white)
        let left = x + Double(Code128.quietZoneModules) * moduleWidth
        let rectangles = code.bars.map { bar in
            (x: left + Double(bar.start) * moduleWidth, y: y, width: Double(bar.width) * moduleWidth, height: height)
        }
        fillRectangles(rectangles, color: .black)
        return totalWidth
    }
}
