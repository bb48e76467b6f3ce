extension PDFPage {
    /// Draws a QR code as vector squares (one rectangle per dark run of a row) on a white square
    /// that includes the quiet zone. (`x`, `y`) is the top-left of that square; returns its side.
    /// A module of 2.4 pt is 5 pixels at 150 dpi: bank apps read that from a printed A4 page.
    @discardableResult
    public mutating func drawQRCode(_ code: QRCode, x: Double, y: Double, moduleSize: Double = 2.4) -> Double {
        let side = Double(code.sizeWithQuietZone) * moduleSize
        fillRectangle(x: x, y: y, width: side, height: side, color: .white)
        let origin = Double(QRCode.quietZoneModules) * moduleSize
        let rectangles = code.darkRuns.map { run in
            (x: x + origin + Double(run.x) * moduleSize, y: y + origin + Double(run.y) * moduleSize,
             width: Double(run.width) * moduleSize, height: moduleSize)
        }
        fillRectangles(rectangles, color: .black)
        return side
    }
}
