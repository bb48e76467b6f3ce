import BoutiqueCore
import SQLKit

/// Gap-free counters (order numbers, invoice numbers). The increment happens inside the caller's
/// transaction: the row stays locked until commit (PostgreSQL) or the single writer holds it
/// (SQLite), so concurrent callers get consecutive values, and a rolled-back transaction gives
/// its value back — no gap, no duplicate.
public enum Counters {
    public static let orders = "orders"
    public static let invoices = "invoices"
    public static let dotations = "dotations"

    /// The next value of `name` (1 for the first), on `sql` — call it inside a transaction.
    public static func next(_ name: String, on sql: any SQLDatabase) async throws -> Int {
        try await sql.raw("""
            INSERT INTO counters (name, value) VALUES (\(bind: name), 0) ON CONFLICT (name) DO NOTHING
            """).run()
        let row = try await sql.raw("""
            UPDATE counters SET value = value + 1 WHERE name = \(bind: name) RETURNING value
            """).first()
        guard let value = try row?.decode(column: "value", as: Int.self) else {
            throw CounterError(name: name)
        }
        return value
    }
}

public struct CounterError: Error, CustomStringConvertible {
    public let name: String
    public var description: String { "Compteur \(name) introuvable" }
}
