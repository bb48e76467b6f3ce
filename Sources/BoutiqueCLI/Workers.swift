import BoutiqueCore
import BoutiqueMail
import Foundation
import BoutiqueShop
import BoutiqueStore
import Logging
import ServiceLifecycle

/// The background workers a process runs: one `JobWorker` with the shop's job kinds.
enum Workers {
    static func make(database: BoutiqueDatabase, settings: Settings, payments: PaymentSettings?, logger: Logger) async throws -> [any Service] {
        let options = JobWorker.Options(concurrency: settings.workerConcurrency, periodic: ShopJobs.periodic)
        let composer = try await MailComposer(settings: mailSettings(settings))
        let shopPayments = payments.map { Payments(database: database, settings: $0, composer: composer) }
        let secrets = try cardSecrets(settings)
        let issuer = CardIssuer(database: database, secrets: secrets, prefix: try cardPrefix())
        let registry = ShopJobs.registry(database: database, mail: try mailTransport(database: database, settings: settings),
                                         payments: shopPayments,
                                         issuance: CardIssuance(database: database, issuer: issuer, composer: composer),
                                         gifts: CardGifts(cards: MyCards(database: database, secrets: secrets), composer: composer),
                                         reminders: ExpiryReminders(cards: MyCards(database: database, secrets: secrets), composer: composer,
                                                                    daysBefore: try reminderDays()),
                                         refunds: payments.map { Refunds(database: database, provider: $0.provider, composer: composer) },
                                         dotations: DotationIssuance(database: database, issuer: issuer, composer: composer))
        return [JobWorker(queue: JobQueue(database: database), registry: registry, options: options, logger: Logger(label: "boutique.jobs"))]
    }

    /// SMTP when `BOUTIQUE_SMTP_URL` is set (keeping a copy of each message sent, for the operator's
    /// pages and « Renvoyer »), else the built-in mailbox.
    static func mailTransport(database: BoutiqueDatabase, settings: Settings) throws -> any MailTransport {
        guard let url = settings.smtpURL else { return Mailbox(database: database) }
        do {
            return KeepingCopyTransport(SMTPTransport(configuration: try SMTPConfiguration.parse(url), logger: Logger(label: "boutique.smtp")),
                                        copies: Mailbox(database: database))
        } catch {
            throw ConfigurationError("BOUTIQUE_SMTP_URL invalide : \(error)")
        }
    }

    /// The key that encrypts card numbers: `BOUTIQUE_CARD_KEY`, or in the demo a key file
    /// generated into the data folder.
    static func cardSecrets(_ settings: Settings) throws -> CardSecrets {
        try CardSecrets.load(dataFolder: settings.dataFolder, allowGenerated: settings.isDemo)
    }

    /// The issuer's leading digits of card numbers, `BOUTIQUE_CARD_PREFIX` (default 5032).
    static func cardPrefix(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> CardIssuerPrefix {
        let text = environment["BOUTIQUE_CARD_PREFIX"].flatMap { $0.isEmpty ? nil : $0 } ?? "5032"
        do {
            return try CardIssuerPrefix(text)
        } catch {
            throw ConfigurationError("BOUTIQUE_CARD_PREFIX invalide : « \(text) » (de 1 à 8 chiffres).")
        }
    }

    /// `BOUTIQUE_EXPIRY_REMINDER_DAYS`: how long before its last day a card's holder is reminded (default 30).
    static func reminderDays(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Int {
        try Settings.parseCount(environment["BOUTIQUE_EXPIRY_REMINDER_DAYS"], name: "BOUTIQUE_EXPIRY_REMINDER_DAYS", default: 30)
    }

    static func mailSettings(_ settings: Settings) -> MailSettings {
        MailSettings(from: MailAddress(settings.mailFrom, name: settings.shopName), publicURL: settings.publicURL,
                     shopName: settings.shopName)
    }
}
