import BoutiqueCore
import BoutiqueTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// The built `boutique` binary run as a child process, its output captured.
final class BoutiqueProcess: Sendable {
    private let process: Process
    private let output: Pipe
    private let errors: Pipe
    private let collected = Mutex<(out: Data, err: Data)>((Data(), Data()))

    static var binary: URL {
        get throws {
            // Tests run from the build folder (`.build/debug`), where `boutique` is built beside them.
            let candidates = [
                Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("boutique"),
                Bundle.main.bundleURL.appendingPathComponent("boutique"),
                URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                    .deletingLastPathComponent().appendingPathComponent(".build/debug/boutique"),
            ]
            guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
                throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "boutique binary not found; run `swift build` first"])
            }
            return found
        }
    }

    private init(process: Process, output: Pipe, errors: Pipe) {
        self.process = process
        self.output = output
        self.errors = errors
    }

    static func start(_ arguments: [String], environment: [String: String]) throws -> BoutiqueProcess {
        let process = Process()
        process.executableURL = try binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BOUTIQUE_") }
        env.merge(environment) { $1 }
        process.environment = env
        let child = BoutiqueProcess(process: process, output: Pipe(), errors: Pipe())
        process.standardOutput = child.output
        process.standardError = child.errors
        child.output.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            child.collected.withLock { $0.out.append(data) }
        }
        child.errors.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            child.collected.withLock { $0.err.append(data) }
        }
        try process.run()
        return child
    }

    var standardOutput: String { collected.withLock { String(decoding: $0.out, as: UTF8.self) } }
    var standardError: String { collected.withLock { String(decoding: $0.err, as: UTF8.self) } }

    func terminate() { if process.isRunning { process.terminate() } }

    func kill() { if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) } }

    /// Waits for the exit status, killing the process after `timeout` seconds.
    func wait(timeout: Double) async throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                kill()
                throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "boutique did not exit in \(timeout) s"])
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        // Let the pipes' handlers drain what was written just before exit.
        try await Task.sleep(for: .milliseconds(200))
        output.fileHandleForReading.readabilityHandler = nil
        errors.fileHandleForReading.readabilityHandler = nil
        let (restOut, restErr) = try await Blocking.run { [output, errors] in
            (output.fileHandleForReading.readDataToEndOfFile(), errors.fileHandleForReading.readDataToEndOfFile())
        }
        collected.withLock { $0.out.append(restOut); $0.err.append(restErr) }
        return process.terminationStatus
    }
}

/// A temporary folder removed when the test ends.
final class TemporaryFolder: Sendable {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("boutique-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

enum HTTP {
    /// Polls `url` until it answers 200, then returns the page.
    static func waitForPage(_ url: String, timeout: Double) async throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        guard let target = URL(string: url) else { throw URLError(.badURL) }
        while true {
            do {
                let (data, response) = try await URLSession.shared.data(from: target)
                if (response as? HTTPURLResponse)?.statusCode == 200 { return String(decoding: data, as: UTF8.self) }
            } catch where Date() < deadline {
                try await Task.sleep(for: .milliseconds(200))
                continue
            }
            guard Date() < deadline else { throw URLError(.timedOut) }
            try await Task.sleep(for: .milliseconds(200))
        }
    }
}
