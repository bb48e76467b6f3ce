import BoutiqueCore
import BoutiqueStore
import Foundation

/// Stores and replays the outcome recorded under an idempotency key.
enum PosIdempotency {
    private struct Stored<T: Codable>: Codable {
        var result: T?
        var refusal: CardRefusal?
    }

    /// The outcome stored for `key`; `idempotencyConflict` when the key served another body; nil
    /// when the key is new.
    static func replay<T: Codable & Sendable>(_ type: T.Type, clientID: UUID, key: String, requestHash: String,
                                              on ledger: POSLedger) async throws -> Result<T, CardRefusal>? {
        guard let record = try await ledger.idempotencyRecord(clientID: clientID, key: key) else { return nil }
        guard record.requestHash == requestHash else { return .failure(.idempotencyConflict) }
        let stored = try JSONDecoder().decode(Stored<T>.self, from: Data(record.response.utf8))
        if let result = stored.result { return .success(result) }
        return .failure(stored.refusal ?? .invalidRequest)
    }

    /// The stored form of an outcome, as `replay` reads it.
    static func text<T: Codable & Sendable>(_ outcome: Result<T, CardRefusal>) throws -> String {
        try encoded(outcome)
    }

    private static func encoded<T: Codable & Sendable>(_ outcome: Result<T, CardRefusal>) throws -> String {
        var stored = Stored<T>()
        switch outcome {
        case .success(let value): stored.result = value
        case .failure(let refusal): stored.refusal = refusal
        }
        return String(decoding: try JSONEncoder().encode(stored), as: UTF8.self)
    }

    /// A redemption's stored form, written by hand: it is made for every redemption, inside the
    /// batch that every till waits for, where `JSONEncoder` took 2 % of the time. Refusals (rare)
    /// go through the encoder; `replay` reads both.
    static func text(_ outcome: Result<RedemptionResult, CardRefusal>) throws -> String {
        guard case .success(let result) = outcome else { return try encoded(outcome) }
        // Every field is a number, a UUID or the card's last four digits: nothing to escape.
        return #"{"result":{"amount":\#(result.amount),"balanceAfter":\#(result.balanceAfter),"#
            + #""cardLast4":"\#(result.cardLast4)","createdAt":\#(result.createdAt),"#
            + #""redemptionID":"\#(result.redemptionID.lowercasedString)"}}"#
    }
}
