import BoutiqueCore
/// The French wording of the account pages' messages, in one place.
public enum AccountMessages {
    public static let registered = "La demande de création de votre compte a bien été prise en compte par notre système. Vous allez recevoir un mail confirmant la création de votre compte ainsi qu'un lien devant vous permettre de valider ce dernier."
    public static let invalidCredentials = "Adresse e-mail ou mot de passe incorrect."
    /// Too many login attempts; the wait rounded up to the second or the minute.
    public static func throttled(wait: Duration) -> String {
        let seconds = max(1, Int((wait + .milliseconds(999)).components.seconds))
        let time = seconds < 90 ? "\(seconds) seconde\(seconds > 1 ? "s" : "")" : "\((seconds + 59) / 60) minutes"
        return "Trop de tentatives de connexion. Pour votre sécurité, patientez \(time) avant de réessayer, "
            + "ou choisissez un nouveau mot de passe avec « Mot de passe oublié ? »."
    }
    public static let unverified = "Votre adresse e-mail n'est pas encore validée : cliquez sur le lien reçu par e-mail lors de la création de votre compte."
    public static let pending = "Votre compte attend la validation de votre CSE. Vous recevrez un e-mail dès qu'il sera validé."
    public static let rejected = "Votre demande de compte a été refusée par votre CSE."
    public static let disabled = "Votre compte est désactivé. Contactez votre CSE."
    public static let verifiedPending = "Votre adresse e-mail est validée. Votre compte attend maintenant la validation de votre CSE : vous recevrez un e-mail dès qu'il sera validé."
    public static let verifiedActive = "Votre adresse e-mail est validée et votre compte est actif : vous pouvez vous connecter."
    public static let linkInvalid = "Ce lien n'est plus valable (déjà utilisé ou expiré). Demandez-en un nouveau."
    public static let resetRequested = "Si un compte correspond à cette adresse, un e-mail contenant un lien de réinitialisation vient de lui être envoyé. Le lien est valable une heure."
    public static let passwordChanged = "Votre mot de passe a été modifié."
    public static let resetThrottledAddress = "Trop de demandes de réinitialisation depuis votre connexion. Pour votre sécurité, patientez une heure avant de réessayer."
    public static let resetThrottledAccount = "Plusieurs liens ont déjà été envoyés à cette adresse dans l'heure : vérifiez votre boîte de réception et vos courriers indésirables, ou patientez une heure avant de réessayer."
    public static let registrationThrottled = "Trop de demandes de création de compte depuis votre connexion. Pour votre sécurité, patientez une heure avant de réessayer."
    public static let profileSaved = "Vos coordonnées ont été enregistrées."
    public static let emailChangeRequested = "Un lien de confirmation a été envoyé à votre nouvelle adresse. Elle remplacera l'actuelle dès que vous l'aurez confirmée."
    public static let emailChanged = "Votre nouvelle adresse e-mail est confirmée."

    public static let emailInvalid = "Saisissez une adresse e-mail valide (exemple : prenom.nom@entreprise.fr)."
    public static let emailTaken = "Un compte existe déjà avec cette adresse e-mail."
    public static let passwordTooShort = "Le mot de passe doit contenir au moins 12 caractères."
    public static let passwordTooLong = "Le mot de passe ne peut pas dépasser 128 caractères."
    public static let passwordIsEmail = "Le mot de passe ne doit pas être votre adresse e-mail."
    public static let passwordCommon = "Ce mot de passe fait partie des plus courants : choisissez-en un autre, par exemple une phrase de plusieurs mots."
    public static let passwordRepeated = "Le mot de passe ne doit pas être un même caractère répété."
    public static let passwordSequence = "Le mot de passe ne doit pas être une suite de caractères ou de touches (123456789012, abcdefghijkl, azertyuiopqs…)."
    public static let passwordMismatch = "Les deux mots de passe ne sont pas identiques."
    public static let currentPasswordWrong = "Le mot de passe actuel est incorrect."
    public static let civilityRequired = "Choisissez votre civilité."
    public static let cseRequired = "Indiquez l'identifiant de votre CSE (le mot qui suit /cse/ dans l'adresse de sa boutique), ou créez votre compte depuis la boutique de votre CSE."
    public static let keyRequired = "Saisissez la clé d'identification donnée par votre CSE, ou 0 si vous n'en avez pas."
    public static let phoneInvalid = "Saisissez un numéro de téléphone valide (exemple : 06 12 34 56 78)."
    public static let reasonRequired = "Indiquez le motif du refus."

    public static func required(_ field: String) -> String { "Le champ « \(field) » est obligatoire." }
    public static func tooLong(_ field: String, _ limit: Int) -> String { "Le champ « \(field) » ne peut pas dépasser \(limit) caractères." }
    public static func badCharacters(_ field: String) -> String { "Le champ « \(field) » contient des caractères non autorisés." }
}
