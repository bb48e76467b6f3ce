import BoutiqueCore
import Foundation
import SQLKit

/// A card as stored. The number and PIN stay sealed here; only `CardSecrets` opens them.
public struct CardRecord: Sendable, CustomStringConvertible {
    public var id: UUID
    public var tenantID: UUID
    public var ownerID: UUID?
    public var orderLineID: UUID?
    public var lineIndex: Int?
    public var numberSealed: Data
    public var pinSealed: Data
    public var last4: String
    public var faceValueCents: Int64
    public var balanceCents: Int64
    public var currency: String
    public var event: String
    public var usageConditions: String
    public var excludedCategories: [String]
    public var status: CardStatus
    public var issuedAt: EpochMilliseconds
    public var lastDay: String
    public var expiresAt: EpochMilliseconds

    /// The status a till sees: an active card past its end is expired even before the daily job.
    public func effectiveStatus(at now: EpochMilliseconds) -> CardStatus {
        status == .active && expiresAt <= now ? .expired : status
    }

    /// Never the number, the PIN or their sealed bytes.
    public var description: String { "Card(\(id), …\(last4), \(balanceCents) cts, \(status.rawValue))" }

    static let columns: SQLQueryString = """
        id, tenant_id, owner_id, order_line_id, line_index, number_sealed, pin_sealed, last4, face_value_cents,
        balance_cents, currency, event, usage_conditions, excluded_categories, status, issued_at, last_day, expires_at
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: UUID.self)
        tenantID = try row.decode(column: "tenant_id", as: UUID.self)
        ownerID = try row.decode(column: "owner_id", as: UUID?.self)
        orderLineID = try row.decode(column: "order_line_id", as: UUID?.self)
        lineIndex = try row.decode(column: "line_index", as: Int?.self)
        numberSealed = try row.decode(column: "number_sealed", as: Data.self)
        pinSealed = try row.decode(column: "pin_sealed", as: Data.self)
        last4 = try row.decode(column: "last4", as: String.self)
        faceValueCents = try row.decode(column: "face_value_cents", as: Int64.self)
        balanceCents = try row.decode(column: "balance_cents", as: Int64.self)
        currency = try row.decode(column: "currency", as: String.self)
        event = try row.decode(column: "event", as: String.self)
        usageConditions = try row.decode(column: "usage_conditions", as: String.self)
        excludedCategories = CardCategories.decode(try row.decode(column: "excluded_categories", as: String.self))
        status = try row.decode(column: "status", as: CardStatus.self)
        issuedAt = try row.decode(column: "issued_at", as: Int64.self)
        lastDay = try row.decode(column: "last_day", as: String.self)
        expiresAt = try row.decode(column: "expires_at", as: Int64.self)
    }
}

/// Excluded categories are one JSON text column: the same on both engines, read with the card.
enum CardCategories {
    static func encode(_ categories: [String]) -> String {
        (try? String(decoding: JSONEncoder().encode(categories), as: UTF8.self)) ?? "[]"
    }

    static func decode(_ text: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }
}
