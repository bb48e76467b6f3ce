extension QRCode {
    /// A PNG image (8-bit grayscale, quiet zone included, `pixelsPerModule` pixels a module) for
    /// e-mails and tests. The zlib stream uses stored (uncompressed) blocks: a QR image is small
    /// and this needs no compressor.
    public func png(pixelsPerModule: Int = 4) -> [UInt8] {
        precondition(pixelsPerModule >= 1, "a module needs at least one pixel")
        let side = sizeWithQuietZone * pixelsPerModule
        var raw: [UInt8] = []
        raw.reserveCapacity((side + 1) * side)
        for pixelY in 0..<side {
            raw.append(0) // filter type None
            let y = pixelY / pixelsPerModule - Self.quietZoneModules
            for pixelX in 0..<side {
                let x = pixelX / pixelsPerModule - Self.quietZoneModules
                let dark = (0..<size).contains(x) && (0..<size).contains(y) && isDark(x: x, y: y)
                raw.append(dark ? 0x00 : 0xFF)
            }
        }
        return PNGWriter.grayscale(width: side, height: side, scanlines: raw)
    }
}
