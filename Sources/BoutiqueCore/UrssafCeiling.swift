/// The exemption ceiling of gifts: 5 % of the monthly social-security ceiling (PMSS) of the year,
/// per employee, per event and per year — and the same amount as the yearly tolerance for all
/// gifts together. The PMSS is configurable per year (`BOUTIQUE_URSSAF_PMSS`); known values are
/// built in.
public struct UrssafCeiling: Sendable, Equatable {
    /// PMSS by year, in cents.
    public var monthlyCeilings: [Int: Int]

    /// The PMSS published for the years the code knows (3,864 €, 3,925 €, 4,005 €).
    public static let standard = UrssafCeiling(monthlyCeilings: [2024: 386_400, 2025: 392_500, 2026: 400_500])

    /// Years a configured PMSS may name, and its sane range in whole euros: a typo such as an
    /// extra digit is refused at start-up rather than silently raising every ceiling.
    public static let configurableYears = 2000...2100
    public static let configurableEuros = 1_000...20_000

    public init(monthlyCeilings: [Int: Int]) { self.monthlyCeilings = monthlyCeilings }

    /// What a year's ceiling rests on: the PMSS of that year, or the latest known before it.
    public struct Basis: Sendable, Equatable {
        /// The year asked about (the dotation's event year).
        public let year: Int
        /// The year whose PMSS is used: `year` itself unless none is configured for it.
        public let pmssYear: Int
        public let pmss: Money
        /// 5 % of `pmss`, rounded down to the euro.
        public let ceiling: Money

        /// False when `year` has no PMSS of its own and another year's stands in.
        public var isConfigured: Bool { year == pmssYear }
    }

    /// The year's PMSS when known; otherwise the latest known year before it (the earliest known
    /// one for a year before them all), so a new year works until its PMSS is configured.
    public func basis(year: Int) -> Basis {
        let known = monthlyCeilings[year].map { (year, $0) }
            ?? monthlyCeilings.filter { $0.key <= year }.max { $0.key < $1.key }.map { ($0.key, $0.value) }
            ?? monthlyCeilings.min { $0.key < $1.key }.map { ($0.key, $0.value) }
            ?? (year, 0)
        return Basis(year: year, pmssYear: known.0, pmss: Money(cents: known.1), ceiling: Money(cents: known.1 * 5 / 100 / 100 * 100))
    }

    /// 5 % of the year's PMSS, rounded down to the euro (4,005 € in 2026 → 200 €).
    public func ceiling(year: Int) -> Money { basis(year: year).ceiling }

    /// Whether giving `amount` would pass the ceiling, given what was already given — for one
    /// event (the per-event ceiling) or for the whole year (the yearly tolerance, same amount).
    public func exceeds(alreadyGiven: Money, adding amount: Money, year: Int) -> Bool {
        alreadyGiven.cents + amount.cents > ceiling(year: year).cents
    }

    /// What is still free of contributions for that employee, event and year.
    public func remaining(alreadyGiven: Money, year: Int) -> Money {
        Money(cents: max(0, ceiling(year: year).cents - alreadyGiven.cents))
    }

    /// These ceilings with `overrides` (PMSS by year, in cents) replacing or adding years.
    public func merging(_ overrides: [Int: Int]) -> UrssafCeiling {
        UrssafCeiling(monthlyCeilings: monthlyCeilings.merging(overrides) { _, configured in configured })
    }

    /// Reads `2026=4005,2027=4100` (years and whole euros, spaces allowed) into PMSS in cents.
    /// - Returns: nil when any piece is not `year=euros` within the sane ranges, or a year repeats.
    public static func parse(_ text: String) -> [Int: Int]? {
        var result: [Int: Int] = [:]
        for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pair = piece.split(separator: "=", omittingEmptySubsequences: false).map { $0.filter { $0 != " " } }
            guard pair.count == 2, pair.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
                  let year = Int(pair[0]), let euros = Int(pair[1]),
                  configurableYears.contains(year), configurableEuros.contains(euros), result[year] == nil else { return nil }
            result[year] = euros * 100
        }
        return result
    }
}
