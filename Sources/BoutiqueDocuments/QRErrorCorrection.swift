/// How much of a QR code can be damaged and still read (ISO/IEC 18004 §7.5.1): about 7 % (L),
/// 15 % (M), 25 % (Q) or 30 % (H) of the codewords. More correction means a bigger symbol.
public enum QRErrorCorrection: Int, Sendable, Hashable, CaseIterable {
    case low, medium, quartile, high

    /// The two bits the format information stores (note the standard's order: M is 00, L 01).
    var formatBits: Int {
        switch self {
        case .low: 1
        case .medium: 0
        case .quartile: 3
        case .high: 2
        }
    }

    /// The one letter the standard uses, for messages.
    public var letter: String {
        switch self {
        case .low: "L"
        case .medium: "M"
        case .quartile: "Q"
        case .high: "H"
        }
    }
}
