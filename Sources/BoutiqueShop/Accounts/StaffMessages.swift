import BoutiqueCore
/// The French messages of the staff accounts' forms and command.
public enum StaffMessages {
    public static let operatorsOnly = "Réservé aux opérateurs de la plateforme."
    public static let notAllowed = "Seul un opérateur de la plateforme peut donner un accès gestionnaire."
    public static let roleInvalid = "Un gestionnaire appartient à un CSE ; un opérateur n'appartient à aucun CSE."
    public static func unknownTenant(_ slug: String) -> String { "CSE inconnu : « \(slug) » (indiquez son lien court, par exemple alpha)." }
}
