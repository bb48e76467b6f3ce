import BoutiqueCore
import BoutiqueTestSupport
import Foundation

/// The text of a PDF as `pdftotext` (poppler-utils, installed by CI) reads it, or nil when the tool
/// is missing outside CI. On CI a missing tool is an error, so a check can never pass by skipping.
enum PDFText {
    struct Missing: Error {}

    static func extract(_ bytes: [UInt8]) async throws -> String? {
        let tool = "/usr/bin/pdftotext"
        guard FileManager.default.isExecutableFile(atPath: tool) else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { throw Missing() }
            return nil
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pdftext-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in.pdf"), output = folder.appendingPathComponent("out.txt")
        try Data(bytes).write(to: input)
        try await Blocking.run {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = ["-layout", input.path, output.path]
            try process.run()
            process.waitUntilExit()
        }
        return try String(contentsOf: output, encoding: .utf8)
    }
}
