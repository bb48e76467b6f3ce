import BoutiqueCore
import Foundation

/// The table a manager checks before confirming: for each employee, what was already given for
/// that event and year, what this dotation adds, and whether it passes the URSSAF ceiling.
public struct DotationPreview: Sendable {
    public struct Line: Sendable {
        public let userID: UUID
        public let name: String
        public let email: String
        public let amount: Money
        /// Given before for the same event and year (cancelled dotations excluded).
        public let alreadyGiven: Money
        /// Given before in the year, all events together.
        public let yearGiven: Money
        public let exceedsCeiling: Bool

        public var totalForEvent: Money { Money(cents: alreadyGiven.cents + amount.cents) }
    }

    public let draft: DotationDraft
    public let lines: [Line]
    /// 5 % of the year's PMSS (200,00 € in 2026).
    public let ceiling: Money

    public var exceedingCount: Int { lines.filter(\.exceedsCeiling).count }
    public var total: Money { draft.total }
}
