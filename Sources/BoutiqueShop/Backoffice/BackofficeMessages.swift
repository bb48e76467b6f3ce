import BoutiqueCore

/// The back office's French messages, one place to reword them.
public enum BackofficeMessages {
    public static let slugInvalid = "Le lien court doit compter de 2 à 40 caractères : lettres minuscules sans accent, chiffres et tirets."
    public static func slugTaken(_ slug: String) -> String { "Le lien court « \(slug) » est déjà utilisé par un autre CSE." }
    public static let limitInvalid = "Saisissez un montant en euros (exemple : 150 ou 150,50), ou laissez vide pour ne fixer aucune limite."
    public static let cartLines = "Saisissez un nombre entier de lignes entre 1 et 100."
    public static let colorInvalid = "Saisissez une couleur au format #rrggbb (exemple : #1d4f91)."
    public static let approvalInvalid = "Choisissez une règle de validation des comptes."
    public static let legalAddressInvalid = "Indiquez l'adresse postale du CSE sur 2 à 4 lignes (rue, code postal et ville), de 70 caractères au plus chacune."
    public static let discountInvalid = "Saisissez une remise entre 0 et 99,99 % (exemple : 5 ou 2,5), ou laissez vide pour la remise par défaut."
    public static let required = "Ce champ est obligatoire."
    public static let productSlugTaken = "Ce lien court est déjà utilisé par un autre produit."
    public static let amountInvalid = "Saisissez un montant en euros entiers, de 1 à 10 000 €."
    public static let amountOrder = "Le montant minimum doit être inférieur ou égal au montant maximum."
    public static let denominationsInvalid = "Saisissez des montants en euros entiers séparés par des virgules ou des espaces (exemple : 20, 50, 100)."
    public static let quantityInvalid = "Saisissez une quantité entière entre 1 et 100."
    public static let validityInvalid = "Saisissez une durée de validité entière entre 1 et 60 mois."
    public static let categoriesInvalid = "Les catégories exclues sont des mots en minuscules sans accent, séparés par des virgules (exemple : carburant, alcool)."
    public static let posNameInvalid = "Saisissez un nom de 1 à 200 caractères."
    public static let storeCodesInvalid = "Codes magasin : lettres, chiffres, - et _, 64 caractères au plus, séparés par des virgules."
    public static let csvMissing = "Choisissez un fichier CSV ou collez son contenu."
    public static let logoMissing = "Choisissez un fichier PNG ou JPEG."
    public static let logoNotImage = "Ce fichier n'est pas une image PNG ou JPEG : enregistrez le logo dans l'un de ces formats."
    public static func logoTooHeavy(bytes: Int, limit: Int) -> String {
        "Le fichier pèse \((bytes + 1023) / 1024) Ko : le logo doit peser \(limit / 1024) Ko au plus."
    }
    public static func logoSize(width: Int, height: Int, sides: ClosedRange<Int>) -> String {
        "Le logo doit mesurer entre \(sides.lowerBound) et \(sides.upperBound) pixels de côté (celui-ci : \(width) × \(height))."
    }
}
