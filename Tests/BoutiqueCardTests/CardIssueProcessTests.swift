import BoutiqueCore
import BoutiqueStore
import BoutiqueTestSupport
import Foundation
import SQLKit
import Testing

/// The built `boutique` binary, killed with SIGKILL in the middle of issuing an order line.
@Suite("Card issuance survives a crash")
struct CardIssueProcessTests {
    static var binary: URL {
        get throws {
            let candidates = [
                Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("boutique"),
                Bundle.main.bundleURL.appendingPathComponent("boutique"),
            ]
            guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
                throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "boutique binary not found; run `swift build` first"])
            }
            return found
        }
    }

    @Test("SIGKILL during the issuance of a 1,000-card order line, then a rerun: exactly 1,000 cards")
    func killAndRerun() async throws {
        // setup
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("boutique-kill-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let environment = ["BOUTIQUE_DATA_DIR": folder, "BOUTIQUE_BCRYPT_COST": "4", "BOUTIQUE_LOG_LEVEL": "error",
                           "BOUTIQUE_CARD_KEY": Data(repeating: 3, count: 32).base64EncodedString()]
        #expect(try await Self.run(["demo-seed"], environment: environment) == 0)
        let line = UUID().uuidString
        // Small batches with a pause (a full run takes over 10 s): the kill lands mid-way however
        // fast or busy the machine is, even when the poll below gets little CPU.
        let arguments = ["cards", "issue", "--tenant", "alpha", "--count", "1000", "--amount", "2500", "--order-line", line,
                         "--batch-size", "10", "--batch-pause-ms", "100"]
        let database = try await BoutiqueDatabase.open(.sqliteFile(path: folder + "/boutique.sqlite"), logger: .init(label: "test"))
        // act: kill the first run once some cards, not all, are committed.
        let first = try Self.start(arguments + ["--output", folder + "/first.csv"], environment: environment)
        var atKill = 0
        let deadline = Date().addingTimeInterval(60)
        while first.isRunning, Date() < deadline {
            atKill = try await Self.count(line, on: database)
            if atKill >= 50 { break }
            try await Task.sleep(for: .milliseconds(2))
        }
        kill(first.processIdentifier, SIGKILL)
        try await Blocking.run { first.waitUntilExit() }
        let committedAtKill = try await Self.count(line, on: database)
        let second = try await Self.run(arguments + ["--output", folder + "/second.csv"], environment: environment)
        // check
        #expect(first.terminationReason == .uncaughtSignal, "the first run must be killed, not finish")
        #expect(committedAtKill > 0 && committedAtKill < 1_000, "killed mid-way: \(committedAtKill) cards")
        #expect(second == 0)
        #expect(try await Self.count(line, on: database) == 1_000)
        let csv = try String(contentsOfFile: folder + "/second.csv", encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 1_001)
        let positions = try await database.sql.raw("""
            SELECT COUNT(DISTINCT line_index) AS n FROM cards WHERE order_line_id = \(bind: try #require(UUID(uuidString: line)))
            """).first()?.decode(column: "n", as: Int.self)
        #expect(positions == 1_000)
        #expect(try await CardLedger.unbalancedCards(on: database.sql).isEmpty)
        await database.close()
    }

    static func count(_ line: String, on database: BoutiqueDatabase) async throws -> Int {
        guard let id = UUID(uuidString: line) else { return 0 }
        // Before the first run has migrated, the table does not exist yet.
        let row = try? await database.sql.raw("SELECT COUNT(*) AS n FROM cards WHERE order_line_id = \(bind: id)").first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    static func start(_ arguments: [String], environment: [String: String]) throws -> Process {
        let process = Process()
        process.executableURL = try binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BOUTIQUE_") }
        env.merge(environment) { $1 }
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs to the end; returns the exit status.
    static func run(_ arguments: [String], environment: [String: String]) async throws -> Int32 {
        let process = try start(arguments, environment: environment)
        while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        return process.terminationStatus
    }
}
