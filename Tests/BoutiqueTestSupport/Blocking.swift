import BoutiqueCore
import Foundation

/// Blocking work (a child process waited for, a pipe read to its end) run on a thread of its own.
///
/// Swift's cooperative thread pool has one thread per core (two on CI), and the whole suite shares
/// it: a test blocked in `waitUntilExit()` holds one of those threads, and every other test's async
/// work (database connections, polls, timeouts) stalls behind it. `DispatchQueue.global()` is no
/// way out: its threads are capped too. A fresh `Thread` costs little next to a child process.
public enum Blocking {
    /// Runs `body` on a new thread and returns (or throws) what it does.
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
        }
    }
}

extension Blocking {
    /// Which of a tool's streams to read.
    public enum Stream: Sendable {
        case standardOutput
        case standardError
    }

    /// Runs `tool` with `arguments` to its end, off the cooperative pool, and returns what it
    /// wrote on `stream` (the other one is discarded).
    public static func output(of tool: String, _ arguments: [String], stream: Stream = .standardOutput) async throws -> String {
        try await run {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = arguments
            let pipe = Pipe()
            switch stream {
            case .standardOutput:
                process.standardOutput = pipe
                process.standardError = FileHandle.nullDevice
            case .standardError:
                process.standardError = pipe
                process.standardOutput = FileHandle.nullDevice
            }
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return output
        }
    }
}
