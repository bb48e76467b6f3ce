import BoutiqueCore

/// The French messages of the dotation screens.
enum DotationMessages {
    static let event = "Choisissez l'évènement de la liste URSSAF."
    static let eventDate = "Indiquez la date de l'évènement (JJ/MM/AAAA)."
    static let activationDate = "La date d'activation doit être une date valide, aujourd'hui ou plus tard."
    static let noEmployee = "Choisissez au moins un salarié."
    static let tooManyEmployees = "Une dotation compte au plus 10 000 salariés."
    static let unknownEmployee = "Un des salariés choisis n'est pas un salarié actif de votre CSE."
    static let duplicateEmployee = "Un salarié apparaît deux fois : une seule ligne par salarié."
    static let ceilingNotConfirmed = "Certains montants dépassent le plafond URSSAF de l'évènement ou la tolérance annuelle : cochez la case pour confirmer en connaissance de cause."

    static func amount(_ max: Money) -> String {
        "Indiquez un montant par salarié entre \(Money(cents: 100).french) et \(max.french)."
    }

    // « Virement reçu »
    static let transferAmountInvalid = "Indiquez le montant reçu en euros, par exemple 1250,00."
    static let transferDateInvalid = "Indiquez la date à laquelle la banque a crédité le virement."
    static let transferInFuture = "La date du virement ne peut pas être postérieure à aujourd'hui."
    static func transferBeforeInvoice(_ day: String) -> String {
        "La date du virement est antérieure à la facture (\(day)) : vérifiez le relevé."
    }
    static func transferReferenceMismatch(_ expected: String, _ dotation: String) -> String {
        "La référence du relevé ne cite ni \(expected) ni \(dotation). Vérifiez qu'il s'agit bien de ce virement, "
            + "puis cochez la case pour l'enregistrer quand même."
    }
}
