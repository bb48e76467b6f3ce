import BoutiqueMail
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
        let registry = ShopJobs.registry(database: database, mail: try mailTransport(database: database, settings: settings),
                                         payments: shopPayments)
        return [JobWorker(queue: JobQueue(database: database), registry: registry, options: options, logger: Logger(label: "boutique.jobs"))]
    }

    /// SMTP when `BOUTIQUE_SMTP_URL` is set, else the built-in mailbox.
    static func mailTransport(database: BoutiqueDatabase, settings: Settings) throws -> any MailTransport {
        guard let url = settings.smtpURL else { return Mailbox(database: database) }
        do {
            return SMTPTransport(configuration: try SMTPConfiguration.parse(url), logger: Logger(label: "boutique.smtp"))
        } catch {
            throw ConfigurationError("BOUTIQUE_SMTP_URL invalide : \(error)")
        }
    }

    static func mailSettings(_ settings: Settings) -> MailSettings {
        MailSettings(from: MailAddress(settings.mailFrom, name: settings.shopName), publicURL: settings.publicURL,
                     shopName: settings.shopName)
    }
}
