import BoutiqueCore
import BoutiqueStore
import Foundation

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

    static func given(year: Int, in scope: TenantScope, tables: Tables) async throws -> Given {
        var given = Given()
        for row in try await tables.dotations.givenTotals(year: year, in: scope) {
            given.forEvent[Key(userID: row.userID, event: row.event), default: 0] += row.totalCents
            given.forYear[row.userID, default: 0] += row.totalCents
        }
        return given
    }
}
