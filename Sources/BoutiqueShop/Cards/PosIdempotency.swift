import BoutiqueStore
import Foundation
import SQLKit

/// Stores and replays the outcome recorded under an idempotency key.
enum PosIdempotency {
    private struct Stored<T: Codable>: Codable {
        var result: T?
        var refusal: CardRefusal?
    }

    /// The outcome stored for `key`; `idempotencyConflict` when the key served another body; nil
    /// when the key is new.
    static func replay<T: Codable & Sendable>(_ type: T.Type, clientID: UUID, key: String, requestHash: String,
                                              on sql: any SQLDatabase) async throws -> Result<T, CardRefusal>? {
        guard let record = try await POSClientStore.idempotencyRecord(clientID: clientID, key: key, on: sql) else { return nil }
        guard record.requestHash == requestHash else { return .failure(.idempotencyConflict) }
        let stored = try JSONDecoder().decode(Stored<T>.self, from: Data(record.response.utf8))
        if let result = stored.result { return .success(result) }
        return .failure(stored.refusal ?? .invalidRequest)
    }

    /// - Returns: false when the key already holds an outcome.
    @discardableResult
    static func save<T: Codable & Sendable>(_ outcome: Result<T, CardRefusal>, status: Int, clientID: UUID, key: String,
                                            requestHash: String, now: EpochMilliseconds, on sql: any SQLDatabase) async throws -> Bool {
        try await POSClientStore.saveIdempotency(IdempotencyRecord(requestHash: requestHash, statusCode: status, response: text(outcome)),
                                                 clientID: clientID, key: key, now: now, on: sql)
    }

    /// The stored form of an outcome, as `replay` reads it.
    static func text<T: Codable & Sendable>(_ outcome: Result<T, CardRefusal>) throws -> String {
        var stored = Stored<T>()
        switch outcome {
        case .success(let value): stored.result = value
        case .failure(let refusal): stored.refusal = refusal
        }
        return String(decoding: try JSONEncoder().encode(stored), as: UTF8.self)
    }

    /// The HTTP status an outcome is answered with.
    static func statusCode<T>(_ outcome: Result<T, CardRefusal>) -> Int {
        if case .failure(let refusal) = outcome { return refusal.status }
        return 201
    }
}
