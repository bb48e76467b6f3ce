import BoutiqueCore
/// The French messages of the staff accounts' forms and command.
public enum StaffMessages {
    public static let operatorsOnly = "Réservé aux opérateurs de la plateforme."
    public static let notAllowed = "Seul un opérateur de la plateforme peut donner un accès gestionnaire."
    public static let roleInvalid = "Un gestionnaire appartient à un CSE ; un opérateur n'appartient à aucun CSE."
    public static func unknownTenant(_ slug: String) -> String { "CSE inconnu : « \(slug) » (indiquez son lien court, par exemple alpha)." }
    public static let tenantMissing = "Choisissez le CSE dont la personne sera gestionnaire."
}

extension StaffMessages {
    public static let secondFactorAtFirstLogin =
        "La double authentification est obligatoire : gardez votre téléphone à portée de main, vous la configurerez à votre première connexion."
}

extension StaffMessages {
    public static let notYourself = "Vous ne pouvez pas désactiver votre propre compte : demandez-le à un autre opérateur."
    public static let lastOperator = "C'est le dernier opérateur actif : invitez-en un autre avant de le désactiver, sinon plus personne ne pourrait gérer la plateforme."
    public static let nothingToReset = "Ce compte n'a pas de double authentification à réinitialiser."
}
