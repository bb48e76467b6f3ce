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

    public static func yearlyCap(cap: Money, left: Money) -> String {
        left.cents > 0
            ? "Cette commande dépasse votre plafond annuel d'achat de \(cap.french) : il vous reste \(left.french) pour cette année."
            : "Vous avez atteint votre plafond annuel d'achat de \(cap.french) : aucune commande n'est possible avant l'an prochain."
    }
}
