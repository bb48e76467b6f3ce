import BoutiqueCore
/// The French wording of the payment pages.
public enum PaymentMessages {
    public static let awaitingConfirmation = "Merci ! Votre paiement a bien été transmis. Votre commande est « En attente de confirmation de paiement » : vous recevrez un e-mail de confirmation dès que notre prestataire de paiement l'aura confirmé (environ 20 minutes)."
    public static let refused = "Votre paiement a été refusé."
    public static let cancelled = "Vous avez annulé le paiement : votre commande attend toujours son paiement."
    public static let notPaid = "Aucun paiement n'a été effectué pour cette commande : elle attend toujours son paiement."
    public static let unknown = "Nous attendons la réponse de notre prestataire de paiement : votre commande sera validée dès sa confirmation. Si vous n'avez pas payé, vous pouvez le faire depuis « Gérez vos commandes »."
    public static let notPayable = "Cette commande ne peut plus être payée."
    public static let providerDown = "Le service de paiement est momentanément indisponible. Réessayez dans quelques minutes."
    /// The guide's advice after a refusal.
    public static let advice = [
        "s'assurer que mon numéro de téléphone est bien enregistré à ma banque ;",
        "répondre au SMS rapidement, sans erreur ;",
        "utiliser une carte bancaire française ;",
        "ne pas dépasser le plafond autorisé ;",
        "en cas de refus de transaction, n'en faire qu'une et réessayer plus tard (1 heure).",
    ]
}
