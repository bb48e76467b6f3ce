import BoutiqueCore
import Foundation

/// The table a manager checks before confirming: for each employee, what was already given for
/// that event and in the year, what this dotation adds, and whether it passes the URSSAF ceiling
/// of the event or the yearly tolerance (all events together).
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
        /// The event's total would pass the per-event ceiling.
        public let exceedsCeiling: Bool
        /// The year's total, all events together, would pass the yearly tolerance.
        public let exceedsYearlyTolerance: Bool

        public var totalForEvent: Money { Money(cents: alreadyGiven.cents + amount.cents) }
        public var totalForYear: Money { Money(cents: yearGiven.cents + amount.cents) }
        /// Either limit would be passed: confirming needs the manager's tick.
        public var isWarned: Bool { exceedsCeiling || exceedsYearlyTolerance }
    }

    public let draft: DotationDraft
    public let lines: [Line]
    /// The ceiling of the event's year and the PMSS it comes from.
    public let basis: UrssafCeiling.Basis

    /// 5 % of the year's PMSS (200,00 € in 2026): per event, and the yearly tolerance.
    public var ceiling: Money { basis.ceiling }
    public var exceedingCount: Int { lines.filter(\.exceedsCeiling).count }
    public var exceedingYearCount: Int { lines.filter(\.exceedsYearlyTolerance).count }
    public var warnedCount: Int { lines.filter(\.isWarned).count }
    public var total: Money { draft.total }
}
