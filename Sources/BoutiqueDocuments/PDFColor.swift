/// An RGB colour with components in 0…1.
public struct PDFColor: Sendable, Hashable {
    public let red: Double
    public let green: Double
    public let blue: Double

    public init(red: Double, green: Double, blue: Double) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// From a web colour such as `0x1F4E79`, the way branding is configured.
    public init(hex: UInt32) {
        self.init(red: Double((hex >> 16) & 0xFF) / 255,
                  green: Double((hex >> 8) & 0xFF) / 255,
                  blue: Double(hex & 0xFF) / 255)
    }

    public static let black = PDFColor(red: 0, green: 0, blue: 0)
    public static let white = PDFColor(red: 1, green: 1, blue: 1)
    public static let darkGray = PDFColor(hex: 0x444444)
    public static let gray = PDFColor(hex: 0x888888)
    public static let lightGray = PDFColor(hex: 0xE6E6E6)
}
