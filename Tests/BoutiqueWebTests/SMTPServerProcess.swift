import BoutiqueCore
import BoutiqueTestSupport
import Foundation

/// `scripts/smtp-test-server.py` (aiosmtpd), the real SMTP server the suites use, as a child
/// process on 127.0.0.1: started by `with`, always stopped after it.
struct SMTPServerProcess: Sendable {
    let port: Int
    let outbox: URL

    static var isAvailable: Bool {
        get async { (try? await Blocking.run { try run(["python3", "-c", "import aiosmtpd"]) }) == 0 }
    }

    static var scriptPath: String {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/smtp-test-server.py").path
    }

    static func with<T>(_ options: [String] = [], _ body: (SMTPServerProcess) async throws -> T) async throws -> T {
        let outbox = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outbox, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outbox) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", scriptPath, "--port", "0", "--outdir", outbox.path, "--stdin-eof-stops"] + options
        let stdout = Pipe(), stdin = Pipe()
        process.standardOutput = stdout
        process.standardInput = stdin
        process.standardError = FileHandle.nullDevice
        try process.run()
        // SIGKILL: the server has nothing to save; closing its stdin also stops it if the test dies.
        let stop: @Sendable () -> Void = {
            try? stdin.fileHandleForWriting.close()
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        do {
            let line = try await Blocking.run {
                var data = Data()
                while !data.contains(UInt8(ascii: "\n")) {
                    let chunk = stdout.fileHandleForReading.availableData
                    if chunk.isEmpty { break }
                    data.append(chunk)
                }
                return String(decoding: data, as: UTF8.self)
            }
            guard let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "the SMTP test server printed no port: \(line)"])
            }
            let result = try await body(SMTPServerProcess(port: port, outbox: outbox))
            try await Blocking.run(stop)
            return result
        } catch {
            try? await Blocking.run(stop)
            throw error
        }
    }

    /// The raw messages received so far, oldest first.
    func received() throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: outbox.path).filter { $0.hasSuffix(".json") }.sorted()
        return try names.map { name in
            try String(contentsOf: outbox.appendingPathComponent(String(name.dropLast(".json".count)) + ".eml"), encoding: .utf8)
        }
    }

    private static func run(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
