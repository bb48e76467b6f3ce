/// One of the standard-14 fonts every PDF reader carries, so nothing is embedded and a card stays
/// a few kilobytes. Text is encoded in WinAnsiEncoding (see `PDFText`).
public enum PDFFont: Int, Sendable, Hashable, CaseIterable {
    case helvetica
    case helveticaBold
    case helveticaOblique
    case courier
    case courierBold

    /// The PostScript name the reader looks up.
    public var baseFont: String {
        switch self {
        case .helvetica: "Helvetica"
        case .helveticaBold: "Helvetica-Bold"
        case .helveticaOblique: "Helvetica-Oblique"
        case .courier: "Courier"
        case .courierBold: "Courier-Bold"
        }
    }

    /// Name of the font in a page's resources (`/F1` …); stable so output is deterministic.
    var resourceName: String { "F\(rawValue + 1)" }

    /// Height above the baseline of capitals and ascenders, in em (from the AFM `Ascender`).
    public var ascent: Double {
        switch self {
        case .helvetica, .helveticaBold, .helveticaOblique: 0.718
        case .courier, .courierBold: 0.629
        }
    }

    /// Depth below the baseline, as a positive number of em (from the AFM `Descender`).
    public var descent: Double {
        switch self {
        case .helvetica, .helveticaBold, .helveticaOblique: 0.207
        case .courier, .courierBold: 0.157
        }
    }

    /// Advance width of one WinAnsi code, in 1/1000 em.
    func advance(of code: UInt8) -> Int {
        guard code >= PDFFontMetrics.firstCode else { return 0 }
        let index = Int(code - PDFFontMetrics.firstCode)
        switch self {
        case .helvetica, .helveticaOblique: return Int(PDFFontMetrics.helvetica[index])
        case .helveticaBold: return Int(PDFFontMetrics.helveticaBold[index])
        case .courier, .courierBold: return 600
        }
    }

    /// Width in points of already encoded text at `size` points.
    public func width(of text: PDFText, size: Double) -> Double {
        width(of: text.bytes[...], size: size)
    }

    /// Width in points of `text` at `size` points, as it will print.
    public func width(of text: String, size: Double) -> Double {
        width(of: PDFText(text), size: size)
    }

    func width(of bytes: ArraySlice<UInt8>, size: Double) -> Double {
        var total = 0
        for code in bytes { total += advance(of: code) }
        return Double(total) * size / 1000
    }
}
