import BoutiqueCore
import BoutiqueStore
import Foundation
import Logging

/// What a job handler gets besides its payload.
public struct JobContext: Sendable {
    public let job: ClaimedJob
    public let logger: Logger
}

/// A job's outcome when it should not be retried: bad payload, an object that no longer exists,
/// a refusal that will not change. The job becomes `dead` at once, with this reason.
public struct PermanentJobError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The handlers by job kind. Handlers must be idempotent: a job may run again after a crash.
public struct JobRegistry: Sendable {
    public typealias Handler = @Sendable (_ payload: String, _ context: JobContext) async throws -> Void
    private var handlers: [String: Handler] = [:]

    public init() {}

    public mutating func register(_ kind: String, handler: @escaping Handler) {
        handlers[kind] = handler
    }

    /// Registers a handler whose payload is a JSON-encoded `Payload`.
    public mutating func register<Payload: Decodable & Sendable>(
        _ kind: String, payload: Payload.Type,
        handler: @escaping @Sendable (Payload, JobContext) async throws -> Void
    ) {
        handlers[kind] = { text, context in
            let value: Payload
            do {
                value = try JSONDecoder().decode(Payload.self, from: Data(text.utf8))
            } catch {
                throw PermanentJobError("Charge utile illisible pour \(kind) : \(error)")
            }
            try await handler(value, context)
        }
    }

    func handler(for kind: String) -> Handler? { handlers[kind] }

    public var kinds: [String] { handlers.keys.sorted() }
}

/// JSON text for a job payload.
public enum JobPayload {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
