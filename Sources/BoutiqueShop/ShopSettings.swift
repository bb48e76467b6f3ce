import BoutiqueCore
import BoutiqueDocuments
import BoutiqueMail
import Foundation

/// What the use cases need to know about the deployment: names, links, secrets, the provider,
/// the seller and the URSSAF ceiling. Built once at start-up (the CLI reads `BOUTIQUE_*`), then
/// handed to `ShopServices`, which builds every use case from it.
public struct ShopSettings: Sendable {
    /// The name of the platform, shown before a CSE is known and in e-mails.
    public var shopName: String
    /// Demo mode: demo banner and logins, developer pages, generated keys.
    public var isDemo: Bool
    /// The public base URL: links in e-mails, the provider's return addresses.
    public var publicURL: String
    /// bcrypt cost of new password hashes.
    public var bcryptCost: UInt8
    /// The From address of the shop's e-mails.
    public var mailFrom: String
    /// The payment provider; nil: orders wait for a payment the shop cannot take.
    public var payments: PaymentSettings?
    /// The key that opens card numbers; nil: the cards pages and the POS API are not served.
    public var cardSecrets: CardSecrets?
    /// Who receives the "Contactez-nous" messages (besides the sender's CSE).
    public var operatorEmail: String = "operateur@demo.test"
    /// The seller printed on invoices.
    public var seller: InvoiceSeller = ShopSettings.demoSeller
    /// The PMSS by year that the dotations' URSSAF ceiling comes from.
    public var urssafCeiling: UrssafCeiling = .standard
    /// How long logins last, by role.
    public var sessionLimits = SessionLimits()
    /// The chart of accounts of the FEC export (`BOUTIQUE_FEC_ACCOUNT_*`).
    public var journalAccounts = JournalAccounts.standard
    /// Whether operators must log in with a second factor (`BOUTIQUE_OPERATOR_2FA`).
    public var operatorsNeedSecondFactor = false

    /// A fictional company for the demo's invoices; production sets `BOUTIQUE_SELLER_*`.
    public static let demoSeller = InvoiceSeller(
        name: "Boutique Démo", legalForm: "SAS", addressLines: ["12 rue de l'Exemple", "75002 Paris"],
        siren: "000 000 000", siret: "000 000 000 00000", rcs: "RCS Paris 000 000 000",
        shareCapital: Money(cents: 1_000_000), vatNumber: "FR00 000000000", contact: "contact@boutique.localhost",
        // The textbook French IBAN (its key holds) and a fictional BIC: a real bank refuses both.
        iban: try? IBAN("FR76 3000 6000 0112 3456 7890 189"), bic: try? BIC("BDEMFRPPXXX"))

    public init(shopName: String = "Boutique e-Cartes cadeaux", isDemo: Bool = true, publicURL: String = "http://127.0.0.1:8080",
                bcryptCost: UInt8 = 12, mailFrom: String = "no-reply@boutique.localhost") {
        self.shopName = shopName
        self.isDemo = isDemo
        self.publicURL = publicURL
        self.bcryptCost = bcryptCost
        self.mailFrom = mailFrom
    }

    var mailSettings: MailSettings {
        MailSettings(from: MailAddress(mailFrom, name: shopName), publicURL: publicURL, shopName: shopName)
    }
}

/// A read replica for the consoles' reports (`BOUTIQUE_DATABASE_REPLICA_URL`, a PostgreSQL standby)
/// and how far behind the primary it may be before reports read the primary instead.
public struct ReplicaSettings: Sendable {
    public var url: String
    public var maxLag: Duration

    public init(url: String, maxLag: Duration) {
        self.url = url
        self.maxLag = maxLag
    }
}
