import BoutiqueCore
import BoutiqueStore
import FluentKit
import Foundation
import SQLKit

/// What a CSE already gave each employee in a year, per event and in all, from its dotations
/// that are not cancelled: the running totals the URSSAF ceiling applies to.
enum DotationTotals {
    struct Key: Hashable {
        let userID: UUID
        let event: String
    }

    struct Given {
        var forEvent: [Key: Int] = [:]
        var forYear: [UUID: Int] = [:]
    }

    static func given(tenantID: UUID, year: Int, on db: any Database) async throws -> Given {
        let sql = try db.requireSQL()
        let rows = try await sql.raw("""
            SELECT l.user_id AS user_id, d.event AS event, CAST(SUM(l.amount_cents) AS BIGINT) AS total
            FROM dotation_lines l JOIN dotations d ON d.id = l.dotation_id
            WHERE d.tenant_id = \(bind: tenantID) AND d.event_year = \(bind: year) AND d.status <> \(bind: DotationStatus.cancelled.rawValue)
            GROUP BY l.user_id, d.event
            """).all()
        var given = Given()
        for row in rows {
            let userID = try row.decode(column: "user_id", as: UUID.self)
            let total = try row.decode(column: "total", as: Int.self)
            given.forEvent[Key(userID: userID, event: try row.decode(column: "event", as: String.self)), default: 0] += total
            given.forYear[userID, default: 0] += total
        }
        return given
    }
}
