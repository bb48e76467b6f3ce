/// The events for which a CSE may give gift cards free of social contributions (URSSAF's list).
public enum UrssafEvent: String, Sendable, Hashable, Codable, CaseIterable {
    case birthOrAdoption, marriageOrPACS, retirement, mothersDay, fathersDay
    case saintCatherine, saintNicolas, christmasEmployees, christmasChildren, backToSchool

    /// The label on pages and on the cards' « Évènement ».
    public var label: String {
        switch self {
        case .birthOrAdoption: "Naissance ou adoption"
        case .marriageOrPACS: "Mariage ou PACS"
        case .retirement: "Départ en retraite"
        case .mothersDay: "Fête des mères"
        case .fathersDay: "Fête des pères"
        case .saintCatherine: "Sainte-Catherine"
        case .saintNicolas: "Saint-Nicolas"
        case .christmasEmployees: "Noël des salariés"
        case .christmasChildren: "Noël des enfants (jusqu'à 16 ans)"
        case .backToSchool: "Rentrée scolaire (enfants de moins de 26 ans)"
        }
    }
}

/// The exemption ceiling of gifts: 5 % of the monthly social-security ceiling (PMSS) of the year,
/// per employee, per event and per year — and the same amount as the yearly tolerance for all
/// gifts together. The PMSS is configurable per year; known values are built in.
public struct UrssafCeiling: Sendable, Equatable {
    /// PMSS by year, in cents.
    public var monthlyCeilings: [Int: Int]

    public static let standard = UrssafCeiling(monthlyCeilings: [2024: 386_400, 2025: 392_500, 2026: 400_500])

    public init(monthlyCeilings: [Int: Int]) { self.monthlyCeilings = monthlyCeilings }

    /// 5 % of the year's PMSS, rounded down to the euro (4,005 € in 2026 → 200 €); the latest known
    /// year's value for a later year until it is configured.
    public func ceiling(year: Int) -> Money {
        let known = monthlyCeilings[year] ?? monthlyCeilings.filter { $0.key <= year }.max { $0.key < $1.key }?.value
            ?? monthlyCeilings.values.min() ?? 0
        return Money(cents: known * 5 / 100 / 100 * 100)
    }

    /// Whether giving `amount` for an event would pass the ceiling for that employee, event and
    /// year, given what was already given for it.
    public func exceeds(alreadyGiven: Money, adding amount: Money, year: Int) -> Bool {
        alreadyGiven.cents + amount.cents > ceiling(year: year).cents
    }

    /// What is still free of contributions for that employee, event and year.
    public func remaining(alreadyGiven: Money, year: Int) -> Money {
        Money(cents: max(0, ceiling(year: year).cents - alreadyGiven.cents))
    }
}
