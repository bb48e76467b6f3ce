import BoutiqueCore
import BoutiqueTestSupport
import Foundation
import Testing

/// The external tools the SMTP tests need, and whether to run those tests at all: without the tools
/// they are skipped on a developer's machine but fail under CI (`CI=true`), where a skip would hide
/// a missing install step.
enum SMTPTestTools {
    /// What is missing, as install hints; empty when all is there.
    static func missing() async -> [String] { await lookup.value }

    /// The tools are looked up once, by the first test that asks.
    private static let lookup = Task {
        var missing: [String] = []
        if (try? await run(["python3", "-c", "import aiosmtpd"])) != 0 { missing.append("python3 with aiosmtpd (pip install aiosmtpd)") }
        if (try? await run(["openssl", "version"])) != 0 { missing.append("openssl (apt-get install openssl)") }
        return missing
    }

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// The condition of the `.enabled` trait on every test that needs a real server.
    static func shouldRun() async -> Bool { await missing().isEmpty || isCI }

    /// Runs a tool to completion, output discarded; returns its exit status.
    @discardableResult
    static func run(_ arguments: [String], currentDirectory: URL? = nil) async throws -> Int32 {
        try await Blocking.run {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            process.currentDirectoryURL = currentDirectory
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
    }

    /// Fails with the install hint when a tool is missing (only reached under CI).
    static func requireAll() async throws {
        let missing = await missing()
        guard missing.isEmpty else {
            throw TestSetupError("SMTP tests need: \(missing.joined(separator: ", "))")
        }
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// `scripts/smtp-test-server.py` (aiosmtpd) running as a child process on 127.0.0.1.
///
/// The server also stops by itself when its stdin closes, so it cannot outlive a crashed test run.
final class SMTPTestServer: @unchecked Sendable {
    // @unchecked: `Process` and `Pipe` are only touched from the test that owns the server.
    let port: Int
    let outbox: URL
    let directory: URL
    private let process: Process
    private let stdin: Pipe

    private init(port: Int, directory: URL, process: Process, stdin: Pipe) {
        self.port = port
        self.directory = directory
        self.outbox = directory.appendingPathComponent("outbox")
        self.process = process
        self.stdin = stdin
    }

    static var scriptPath: String {
        // The test folder may be a symbolic link (dev packages); the script lives beside the real one.
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/smtp-test-server.py").path
    }

    /// Starts the server with extra command-line options, runs `body`, and always stops it.
    static func with<T>(
        _ options: [String] = [],
        _ body: (SMTPTestServer) async throws -> T
    ) async throws -> T {
        let server = try await start(["python3", scriptPath, "--outdir", "OUTBOX", "--stdin-eof-stops"] + options)
        do {
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    /// Starts any command that prints a port on its first line; `OUTBOX` in the arguments is
    /// replaced by the server's message folder.
    static func start(_ command: [String]) async throws -> SMTPTestServer {
        try await SMTPTestTools.requireAll()
        let directory = try makeTemporaryDirectory(prefix: "smtp-server")
        let outbox = directory.appendingPathComponent("outbox").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command.map { $0 == "OUTBOX" ? outbox : $0 }
        let stdout = Pipe()
        let stdin = Pipe()
        process.standardOutput = stdout
        process.standardInput = stdin
        process.standardError = try FileHandle(forWritingTo: touch(directory.appendingPathComponent("stderr.log")))
        try process.run()
        let line = await firstLine(of: stdout.fileHandleForReading, process: process, timeout: 15)
        guard let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            let log = (try? String(contentsOf: directory.appendingPathComponent("stderr.log"), encoding: .utf8)) ?? ""
            throw TestSetupError("SMTP test server did not print its port (got '\(line)'): \(log.suffix(2000))")
        }
        return SMTPTestServer(port: port, directory: directory, process: process, stdin: stdin)
    }

    /// Stops the server: end of stdin, then SIGTERM, then SIGKILL, each with a bounded wait.
    func stop() async {
        try? stdin.fileHandleForWriting.close()
        if await waitForExit(seconds: 3) { return }
        process.terminate()
        if await waitForExit(seconds: 2) { return }
        kill(process.processIdentifier, SIGKILL)
        _ = await waitForExit(seconds: 2)
    }

    /// The messages received so far, in order.
    func receivedMessages() throws -> [ReceivedMessage] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: outbox.path)) ?? []
        return try names.filter { $0.hasSuffix(".json") }.sorted().map { name in
            let stem = outbox.appendingPathComponent(String(name.dropLast(".json".count)))
            let envelope = try JSONDecoder().decode(
                ReceivedMessage.Envelope.self, from: Data(contentsOf: stem.appendingPathExtension("json"))
            )
            return ReceivedMessage(
                envelope: envelope, raw: try Data(contentsOf: stem.appendingPathExtension("eml")),
                path: stem.appendingPathExtension("eml").path
            )
        }
    }

    private func waitForExit(seconds: Double) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        return !process.isRunning
    }

    /// Reads up to the first newline on a separate thread, so a silent child cannot block the
    /// test: after `timeout` seconds the child is terminated, which closes the pipe.
    private static func firstLine(of handle: FileHandle, process: Process, timeout: Double) async -> String {
        let done = LockedFlag()
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
            if !done.value { process.terminate() }
        }
        let line = try? await Blocking.run {
            var data = Data()
            while !data.contains(UInt8(ascii: "\n")) {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                data.append(chunk)
            }
            return String(decoding: data, as: UTF8.self)
        }
        done.set()
        return line ?? ""
    }
}

/// A message as the server saved it.
struct ReceivedMessage {
    struct Envelope: Decodable {
        var from: String
        var to: [String]
    }

    var envelope: Envelope
    var raw: Data
    var path: String
}

final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    var value: Bool { lock.withLock { flag } }
    func set() { lock.withLock { flag = true } }
}

func makeTemporaryDirectory(prefix: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

private func touch(_ url: URL) throws -> URL {
    _ = FileManager.default.createFile(atPath: url.path, contents: nil)
    return url
}
