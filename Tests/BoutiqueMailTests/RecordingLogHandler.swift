import BoutiqueCore
import Foundation
import Logging

/// Keeps every log line (message and metadata) in memory, so tests can check what logs reveal.
struct RecordingLogHandler: LogHandler {
    final class Store: @unchecked Sendable {
        // @unchecked: every access goes through the lock.
        private let lock = NSLock()
        private var storedLines: [String] = []
        var lines: [String] { lock.withLock { storedLines } }
        func append(_ line: String) { lock.withLock { storedLines.append(line) } }
    }

    let store: Store
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { _, new in new }
        store.append("\(event.level) \(event.message) \(all.map { "\($0)=\($1)" }.sorted().joined(separator: " "))")
    }

    /// A logger at `trace` level writing into a fresh store.
    static func logger() -> (Logger, Store) {
        let store = Store()
        return (Logger(label: "boutique.mail.recorded") { _ in RecordingLogHandler(store: store) }, store)
    }
}
