import BoutiqueCore
import BoutiqueShop
import Foundation

/// « Politique de confidentialité »: who is responsible, how to reach them, and the retention
/// periods, each read from the constant the code applies (never retyped here).
struct PrivacyNoticeView {
    struct Retention {
        let what: String
        let howLong: String
    }

    let controller: String
    let address: [String]
    let contact: String?
    let privacyEmail: String
    let provider: String?
    let retention: [Retention]

    init(configuration: WebConfiguration) {
        let shop = configuration.shop
        controller = "\(shop.seller.name) (\(shop.seller.legalForm))"
        address = shop.seller.addressLines
        contact = shop.seller.contact
        privacyEmail = shop.operatorEmail
        provider = shop.payments?.providerName
        retention = Self.retention(shop.sessionLimits)
    }

    static func retention(_ sessions: SessionLimits) -> [Retention] {
        [
            Retention(what: "Compte dont l'adresse e-mail n'a jamais été validée",
                      howLong: "Supprimé \(AccountRetention.unverifiedDays) jours après l'inscription"),
            Retention(what: "Compte refusé par le CSE", howLong: "Anonymisé \(AccountRetention.rejectedDays) jours après le refus"),
            Retention(what: "Compte actif, commandes, cartes, envois, messages, journal des actions",
                      howLong: "Tant que le compte est ouvert ; effacés ou anonymisés à sa fermeture"),
            Retention(what: "Factures", howLong: "\(AccountClosure.invoiceRetentionYears) ans (obligation légale), même après la fermeture du compte"),
            Retention(what: "Mouvements des e-Cartes", howLong: "Conservés pour la comptabilité, sans données personnelles après la fermeture du compte"),
            Retention(what: "E-mails envoyés par la boutique", howLong: "\(Mailbox.retentionMonths) mois"),
            Retention(what: "Session de connexion",
                      howLong: "Fermée après \(minutes(sessions.idle)) sans activité, et au plus tard \(minutes(sessions.absolute)) après la connexion"),
            Retention(what: "Lien de validation de l'adresse e-mail", howLong: "\(Int(Accounts.verificationLifetime / 3_600)) heures"),
            Retention(what: "Lien de réinitialisation du mot de passe", howLong: "\(Int(Accounts.resetLifetime / 60)) minutes"),
        ]
    }

    /// `2 h`, `30 min`.
    static func minutes(_ duration: Duration) -> String {
        let minutes = Int(duration.components.seconds / 60)
        return minutes % 60 == 0 ? "\(minutes / 60) h" : "\(minutes) min"
    }
}
