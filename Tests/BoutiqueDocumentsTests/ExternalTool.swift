import BoutiqueCore
import BoutiqueTestSupport
import Foundation
import Testing

/// A command-line tool the document tests check their output with (poppler, zbar, qpdf, librsvg).
///
/// Outside CI a missing tool skips the test, naming the Debian package to install. When `CI` is
/// set, the test runs anyway and fails on the missing tool: CI must never pass by skipping.
struct ExternalTool: Sendable {
    let name: String
    let debianPackage: String

    static let qpdf = ExternalTool(name: "qpdf", debianPackage: "qpdf")
    static let pdftotext = ExternalTool(name: "pdftotext", debianPackage: "poppler-utils")
    static let pdftoppm = ExternalTool(name: "pdftoppm", debianPackage: "poppler-utils")
    static let pdfimages = ExternalTool(name: "pdfimages", debianPackage: "poppler-utils")
    static let zbarimg = ExternalTool(name: "zbarimg", debianPackage: "zbar-tools")
    static let rsvgConvert = ExternalTool(name: "rsvg-convert", debianPackage: "librsvg2-bin")

    static var isCI: Bool {
        guard let value = ProcessInfo.processInfo.environment["CI"]?.lowercased() else { return false }
        return !value.isEmpty && value != "false" && value != "0"
    }

    var path: String? {
        let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in searchPath.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Whether tests needing these tools run: always on CI (so a missing tool fails there).
    static func shouldRun(_ tools: ExternalTool...) -> Bool {
        isCI || tools.allSatisfy { $0.path != nil }
    }

    static func skipComment(_ tools: ExternalTool...) -> Comment {
        let packages = Set(tools.map(\.debianPackage)).sorted().joined(separator: " ")
        return Comment(rawValue: "needs \(tools.map(\.name).joined(separator: ", ")): apt-get install \(packages)")
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs the tool in `directory` and returns its standard output. Output goes to files rather
    /// than pipes so a chatty tool can never block on a full pipe; a run past `timeout` is killed.
    @discardableResult
    func run(_ arguments: [String], in directory: URL, timeout: TimeInterval = 60) async throws -> String {
        try await Blocking.run { try runBlocking(arguments, in: directory, timeout: timeout) }
    }

    /// `run`'s work, which waits for the tool: only ever called through `Blocking`.
    private func runBlocking(_ arguments: [String], in directory: URL, timeout: TimeInterval) throws -> String {
        guard let path else {
            throw Failure(description: "\(name) is not installed (Debian package \(debianPackage))")
        }
        let token = UUID().uuidString
        let outURL = directory.appendingPathComponent("\(name)-\(token).out")
        let errURL = directory.appendingPathComponent("\(name)-\(token).err")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            _ = finished.wait(timeout: .now() + 5)
            throw Failure(description: "\(name) \(arguments.joined(separator: " ")) timed out after \(timeout) s")
        }
        let output = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            let errors = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
            throw Failure(description: "\(name) exited with \(process.terminationStatus): \(errors)\(output)")
        }
        return output
    }
}

/// A temporary directory removed when `body` returns.
func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("boutique-documents-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try await body(directory)
}

extension URL {
    func writing(_ bytes: [UInt8], to name: String) throws -> URL {
        let url = appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }
}

/// SplitMix64: a tiny seeded generator so "random" card numbers are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
