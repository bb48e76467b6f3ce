import BoutiqueCore

/// The French wording of the cart's and orders' messages.
public enum OrderMessages {
    public static let productUnavailable = "Ce produit n'est pas proposé par votre CSE."
    public static let amountNotWhole = "Saisissez un montant en euros entiers, sans centimes (par exemple 50)."
    public static let quantityInvalid = "Choisissez une quantité valide."
    public static let lineNotFound = "Cette ligne n'est plus dans votre panier."
    public static let cartEmpty = "Votre panier est vide."
    public static let termsRequired = "Cochez la case pour accepter les conditions générales de vente avant de commander."
    public static let shopClosed = "La boutique de votre CSE est fermée pour le moment."
    public static let added = "La e-Carte a été ajoutée à votre panier."

    public static func amountRange(_ min: Money, _ max: Money) -> String {
        "Le montant doit être compris entre \(min.french) et \(max.french)."
    }

    public static func amountChoice(_ values: [Money]) -> String {
        "Choisissez l'un des montants proposés : \(values.map(\.french).joined(separator: ", "))."
    }

    public static func quantityRange(_ max: Int) -> String { "La quantité doit être comprise entre 1 et \(max)." }

    public static func tooManyLines(_ max: Int) -> String { "Votre panier ne peut pas contenir plus de \(max) lignes." }

    public static func orderLimit(limit: Money, total: Money) -> String {
        "Le montant d'une commande ne peut pas dépasser \(limit.french) (votre panier : \(total.french)). Retirez des e-Cartes ou diminuez les quantités."
    }

    /// `awaiting`: what the buyer's orders awaiting payment hold of the cap, until paid or abandoned.
    public static func yearlyCap(cap: Money, left: Money, awaiting: Money = Money(cents: 0)) -> String {
        let base = left.cents > 0
            ? "Cette commande dépasse votre plafond annuel d'achat de \(cap.french) : il vous reste \(left.french) pour cette année."
            : "Vous avez atteint votre plafond annuel d'achat de \(cap.french) : aucune commande n'est possible avant l'an prochain."
        guard awaiting.cents > 0 else { return base }
        return base + " Vos commandes en attente de paiement (\(awaiting.french)) sont comptées jusqu'à leur paiement, ou jusqu'à leur annulation une heure après la commande si elles ne sont pas payées."
    }

    /// The e-mail of a charge refunded because the order would pass a cap.
    static func capRefund(reference: String, cap: Money, yearly: Bool) -> String {
        yearly
            ? "Votre paiement de la commande \(reference) a été reçu alors que vos commandes payées cette année atteignaient déjà votre plafond annuel d'achat de \(cap.french) : la commande ne peut pas être validée et elle est annulée."
            : "Votre paiement de la commande \(reference) dépasse le montant maximal d'une commande fixé par votre CSE (\(cap.french)) : la commande ne peut pas être validée et elle est annulée."
    }
}
