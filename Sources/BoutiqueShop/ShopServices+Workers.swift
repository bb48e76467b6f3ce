import BoutiqueCore
import BoutiqueMail
import BoutiqueStore
import Foundation
import Logging
import ServiceLifecycle

extension ShopServices {
    /// How a process's background worker runs.
    public struct WorkerSettings: Sendable {
        /// Jobs run at once by this process.
        public var concurrency: Int
        /// `smtp://…`; nil: e-mails go to the built-in mailbox.
        public var smtpURL: String?
        /// The issuer's leading digits of new card numbers.
        public var cardPrefix: CardIssuerPrefix
        /// How long before its last day a card's holder is reminded.
        public var reminderDays: Int

        public init(concurrency: Int = 4, smtpURL: String? = nil, cardPrefix: CardIssuerPrefix, reminderDays: Int = 30) {
            self.concurrency = concurrency
            self.smtpURL = smtpURL
            self.cardPrefix = cardPrefix
            self.reminderDays = reminderDays
        }
    }

    /// The background workers of a process: one `JobWorker` with every job kind of the shop.
    public func workers(_ worker: WorkerSettings, logger: Logger) throws -> [any Service] {
        // Without a provider there is nothing to reconcile every five minutes.
        let periodic = ShopJobs.periodic.filter { payments != nil || $0.kind != Payments.reconcileKind }
        let options = JobWorker.Options(concurrency: worker.concurrency, periodic: periodic)
        return [JobWorker(queue: JobQueue(database: database), registry: try jobRegistry(worker), options: options,
                          logger: Logger(label: "boutique.jobs"))]
    }

    /// The workers' handlers: one for every `ShopJobKind`.
    public func jobRegistry(_ worker: WorkerSettings) throws -> JobRegistry {
        let secrets = try requireCardSecrets()
        let issuer = CardIssuer(database: database, secrets: secrets, prefix: worker.cardPrefix)
        let cards = MyCards(database: database, secrets: secrets)
        let registry = ShopJobs.complete(database: database, ShopJobs.Handlers(
            mail: try mailTransport(smtpURL: worker.smtpURL), payments: payments, refunds: refunds,
            issuance: CardIssuance(database: database, issuer: issuer, composer: composer),
            gifts: CardGifts(cards: cards, composer: composer),
            reminders: ExpiryReminders(cards: cards, composer: composer, daysBefore: worker.reminderDays),
            dotations: DotationIssuance(database: database, issuer: issuer, composer: composer)))
        return registry
    }

    /// SMTP when a URL is set (keeping a copy of each message sent, for the operator's pages and
    /// « Renvoyer »), else the built-in mailbox.
    func mailTransport(smtpURL: String?) throws -> any MailTransport {
        guard let smtpURL else { return mailbox }
        do {
            return KeepingCopyTransport(SMTPTransport(configuration: try SMTPConfiguration.parse(smtpURL), logger: Logger(label: "boutique.smtp")),
                                        copies: mailbox)
        } catch {
            throw ConfigurationError("BOUTIQUE_SMTP_URL invalide : \(error)")
        }
    }

    func requireCardSecrets() throws -> CardSecrets {
        guard let secrets = settings.cardSecrets else { throw ConfigurationError("Clé des cartes absente (BOUTIQUE_CARD_KEY).") }
        return secrets
    }
}
