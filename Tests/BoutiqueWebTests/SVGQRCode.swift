import BoutiqueTestSupport
import Foundation

/// The text `zbarimg` reads in an SVG QR code of a page, rasterised by `rsvg-convert` (librsvg2-bin,
/// zbar-tools): nil when the tools are missing outside CI. On CI a missing tool is an error
/// (`PDFText.Missing`), so the check can never pass by skipping.
enum SVGQRCode {
    static let tools = ["/usr/bin/rsvg-convert", "/usr/bin/zbarimg"]

    static var toolsAvailable: Bool { tools.allSatisfy { FileManager.default.isExecutableFile(atPath: $0) } }

    static var shouldRun: Bool { toolsAvailable || ProcessInfo.processInfo.environment["CI"] == "true" }

    /// The first inline `<svg>…</svg>` of an HTML page.
    static func first(in html: String) -> String? {
        guard let start = html.range(of: "<svg"), let end = html.range(of: "</svg>", range: start.upperBound..<html.endIndex) else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    static func decode(_ svg: String) async throws -> String? {
        guard toolsAvailable else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { throw PDFText.Missing() }
            return nil
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("svg-qr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appendingPathComponent("qr.svg"), image = folder.appendingPathComponent("qr.png")
        try Data(svg.utf8).write(to: source)
        // At the page's own size (4 px a module), on white, as a phone's camera would see it.
        _ = try await Blocking.output(of: tools[0], ["--background-color", "white", "-o", image.path, source.path])
        let output = try await Blocking.output(of: tools[1], ["--raw", "-q", "-Sdisable", "-Sqrcode.enable", image.path])
        return output.hasSuffix("\n") ? String(output.dropLast()) : output
    }
}
