/// Horizontal placement of a line of text relative to its anchor `x`.
public enum PDFTextAlignment: Sendable, Hashable {
    /// `x` is where the text starts.
    case left
    /// `x` is the middle of the text.
    case center
    /// `x` is where the text ends.
    case right
}

/// One page being drawn. Coordinates are points (1/72 inch) from the **top-left** corner, y growing
/// downwards, as a page is read and laid out; the conversion to PDF's bottom-up space happens here.
public struct PDFPage: Sendable {
    /// A4 portrait, in points.
    public static let a4Width = 595.28
    public static let a4Height = 841.89

    public let width: Double
    public let height: Double

    var content: PDFByteBuffer
    private(set) var usedFonts: Set<PDFFont> = []
    private(set) var usedImages: Set<Int> = []
    private var fillColor: PDFColor?
    private var strokeColor: PDFColor?
    private var lineWidth: Double?
    private var dashed = false

    public init(width: Double = PDFPage.a4Width, height: Double = PDFPage.a4Height) {
        self.width = width
        self.height = height
        content = PDFByteBuffer(capacity: 4096)
    }

    // MARK: Shapes

    /// Fills a rectangle whose top-left corner is (`x`, `y`).
    public mutating func fillRectangle(x: Double, y: Double, width: Double, height: Double, color: PDFColor) {
        setFill(color)
        appendRectangle(x: x, y: y, width: width, height: height)
        content.append(" f\n")
    }

    /// Strokes a rectangle's outline, optionally dashed (`dash` = on and off lengths in points).
    public mutating func strokeRectangle(
        x: Double, y: Double, width: Double, height: Double,
        color: PDFColor = .black, lineWidth: Double = 0.5, dash: (on: Double, off: Double)? = nil
    ) {
        setStroke(color, lineWidth: lineWidth, dash: dash)
        appendRectangle(x: x, y: y, width: width, height: height)
        content.append(" S\n")
    }

    /// A straight line between two points.
    public mutating func drawLine(
        fromX: Double, fromY: Double, toX: Double, toY: Double,
        color: PDFColor = .black, lineWidth: Double = 0.5, dash: (on: Double, off: Double)? = nil
    ) {
        setStroke(color, lineWidth: lineWidth, dash: dash)
        content.append(number: fromX)
        content.append(" ")
        content.append(number: height - fromY)
        content.append(" m ")
        content.append(number: toX)
        content.append(" ")
        content.append(number: height - toY)
        content.append(" l S\n")
    }

    /// Many filled rectangles of one colour as a single path: barcodes are a few dozen bars.
    mutating func fillRectangles(_ rectangles: [(x: Double, y: Double, width: Double, height: Double)], color: PDFColor) {
        guard !rectangles.isEmpty else { return }
        setFill(color)
        for rectangle in rectangles {
            appendRectangle(x: rectangle.x, y: rectangle.y, width: rectangle.width, height: rectangle.height)
            content.append("\n")
        }
        content.append("f\n")
    }

    // MARK: Text

    /// One line of text with its baseline at `y`. Line feeds print as spaces. With `maxWidth`,
    /// text that would not fit is cut and ends with "…" instead of running over its neighbours.
    public mutating func drawText(
        _ text: String, x: Double, y: Double, font: PDFFont, size: Double,
        color: PDFColor = .black, alignment: PDFTextAlignment = .left, maxWidth: Double? = nil
    ) {
        var bytes = PDFText(text).bytes[...]
        if let maxWidth { bytes = PDFText.truncated(bytes, font: font, size: size, width: maxWidth) }
        drawLine(bytes, x: x, y: y, font: font, size: size, color: color, alignment: alignment)
    }

    /// Wraps `text` within `width` points starting with a baseline at `y`; returns the baseline
    /// the next line would use, so callers can stack blocks. With `maxLines`, the last allowed line
    /// ends with "…" when text remains.
    @discardableResult
    public mutating func drawParagraph(
        _ text: String, x: Double, y: Double, width: Double, font: PDFFont, size: Double,
        leading: Double? = nil, color: PDFColor = .black, alignment: PDFTextAlignment = .left,
        maxLines: Int? = nil
    ) -> Double {
        let lineHeight = leading ?? size * 1.3
        let anchor = switch alignment {
        case .left: x
        case .center: x + width / 2
        case .right: x + width
        }
        let encoded = PDFText(text)
        var lines = encoded.lines(font: font, size: size, width: width)
        if let maxLines, maxLines > 0, lines.count > maxLines {
            let rest = encoded.bytes[lines[maxLines - 1].startIndex...]
            lines = Array(lines.prefix(maxLines - 1))
            lines.append(PDFText.truncated(rest, font: font, size: size, width: width))
        }
        var baseline = y
        for line in lines {
            drawLine(line, x: anchor, y: baseline, font: font, size: size, color: color, alignment: alignment)
            baseline += lineHeight
        }
        return baseline
    }

    mutating func drawLine(
        _ bytes: ArraySlice<UInt8>, x: Double, y: Double, font: PDFFont, size: Double,
        color: PDFColor, alignment: PDFTextAlignment
    ) {
        guard !bytes.isEmpty else { return }
        let start = switch alignment {
        case .left: x
        case .center: x - font.width(of: bytes, size: size) / 2
        case .right: x - font.width(of: bytes, size: size)
        }
        usedFonts.insert(font)
        setFill(color)
        content.append("BT /")
        content.append(font.resourceName)
        content.append(" ")
        content.append(number: size)
        content.append(" Tf ")
        content.append(number: start)
        content.append(" ")
        content.append(number: height - y)
        content.append(" Td ")
        content.appendLiteralString(PDFText.printable(bytes))
        content.append(" Tj ET\n")
    }

    // MARK: Images

    /// Draws an image added to the document, stretched to the box whose top-left is (`x`, `y`).
    public mutating func drawImage(_ image: PDFImageReference, x: Double, y: Double, width: Double, height: Double) {
        usedImages.insert(image.index)
        content.append("q ")
        content.append(number: width)
        content.append(" 0 0 ")
        content.append(number: height)
        content.append(" ")
        content.append(number: x)
        content.append(" ")
        content.append(number: self.height - y - height)
        content.append(" cm /")
        content.append(image.resourceName)
        content.append(" Do Q\n")
    }

    // MARK: Graphics state

    private mutating func appendRectangle(x: Double, y: Double, width: Double, height: Double) {
        content.append(number: x)
        content.append(" ")
        content.append(number: self.height - y - height)
        content.append(" ")
        content.append(number: width)
        content.append(" ")
        content.append(number: height)
        content.append(" re")
    }

    private mutating func setFill(_ color: PDFColor) {
        guard fillColor != color else { return }
        fillColor = color
        appendColor(color)
        content.append(" rg\n")
    }

    private mutating func setStroke(_ color: PDFColor, lineWidth: Double, dash: (on: Double, off: Double)?) {
        if strokeColor != color {
            strokeColor = color
            appendColor(color)
            content.append(" RG\n")
        }
        if self.lineWidth != lineWidth {
            self.lineWidth = lineWidth
            content.append(number: lineWidth)
            content.append(" w\n")
        }
        if let dash {
            content.append("[")
            content.append(number: dash.on)
            content.append(" ")
            content.append(number: dash.off)
            content.append("] 0 d\n")
            dashed = true
        } else if dashed {
            content.append("[] 0 d\n")
            dashed = false
        }
    }

    private mutating func appendColor(_ color: PDFColor) {
        content.append(unit: color.red)
        content.append(" ")
        content.append(unit: color.green)
        content.append(" ")
        content.append(unit: color.blue)
    }
}

/// An image added to a `PDFDocument`, to draw on any of its pages.
public struct PDFImageReference: Sendable, Hashable {
    let index: Int
    var resourceName: String { "Im\(index + 1)" }
}
