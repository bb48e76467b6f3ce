/// The French messages of « Mes données » and « Fermer mon compte ».
enum PrivacyMessages {
    static let passwordWrong = "Mot de passe incorrect."
    static let codeWrong = "Code de l'application d'authentification incorrect ou expiré."
    static let reauthThrottled = "Trop d'essais : réessayez dans un quart d'heure."
    static let exportThrottled = "Vous avez déjà téléchargé vos données 3 fois cette heure-ci : réessayez plus tard."
    static func balanceAtRisk(_ amount: String) -> String {
        "Vos e-Cartes ont encore un solde de \(amount). Envoyez-les ou dépensez-les d'abord, ou cochez la case confirmant que vous renoncez à ce solde."
    }
    static let balanceChanged = "Le solde de vos e-Cartes a changé depuis l'affichage de la page : vérifiez le montant et confirmez de nouveau."
    static let notClosable = "Ce compte ne peut pas être fermé ici."
}
