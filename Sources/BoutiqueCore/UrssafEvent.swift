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
