import BoutiqueCore
import BoutiqueDocuments
import BoutiquePOS
import BoutiqueShop
import Foundation

/// What the web application needs to know about its deployment.
public struct WebConfiguration: Sendable {
    /// The name of the platform, shown before a CSE is known.
    public var shopName: String
    /// Demo mode: demo banner with the demo logins, developer pages.
    public var isDemo: Bool
    /// The public base URL; `https://…` turns on HSTS.
    public var publicURL: String
    /// Where templates and static files are read from (the module's bundle by default).
    public var resourcesFolder: String
    /// bcrypt cost of new password hashes.
    public var bcryptCost: UInt8
    /// The From address of the shop's e-mails.
    public var mailFrom: String
    /// The payment provider; nil: orders wait for a payment the shop cannot take.
    public var payments: PaymentSettings?
    /// Secrets that authenticate the providers' notifications.
    public var sandboxNotificationSecret: String?
    public var stripeWebhookSecret: String?
    /// The key that opens card numbers; nil: the cards pages and the POS API are not served.
    public var cardSecrets: CardSecrets?
    /// Rate limits of the POS API.
    public var posOptions = POSOptions()
    /// Who receives the "Contactez-nous" messages (besides the sender's CSE).
    public var operatorEmail: String = "operateur@demo.test"
    /// E-mails leave by SMTP (`BOUTIQUE_SMTP_URL`): the mailbox pages then show the copies the
    /// outbox keeps of what it sent, to operators only, even in the demo.
    public var sendsMailBySMTP = false
    /// The reverse proxies whose `X-Forwarded-For` names the client (`BOUTIQUE_TRUSTED_PROXIES`).
    public var trustedProxies: TrustedProxies = .loopback
    /// The seller printed on invoices.
    public var seller: InvoiceSeller = WebConfiguration.demoSeller
    /// The PMSS by year that the dotations' URSSAF ceiling comes from (`BOUTIQUE_URSSAF_PMSS`).
    public var urssafCeiling: UrssafCeiling = .standard

    /// A fictional company for the demo's invoices; production sets `BOUTIQUE_SELLER_*`.
    public static let demoSeller = InvoiceSeller(
        name: "Boutique Démo", legalForm: "SAS", addressLines: ["12 rue de l'Exemple", "75002 Paris"],
        siren: "000 000 000", siret: "000 000 000 00000", rcs: "RCS Paris 000 000 000",
        shareCapital: Money(cents: 1_000_000), vatNumber: "FR00 000000000", contact: "contact@boutique.localhost")

    public init(shopName: String = "Boutique e-Cartes cadeaux", isDemo: Bool = true,
                publicURL: String = "http://127.0.0.1:8080", resourcesFolder: String? = nil,
                bcryptCost: UInt8 = 12, mailFrom: String = "no-reply@boutique.localhost") {
        self.shopName = shopName
        self.isDemo = isDemo
        self.publicURL = publicURL
        self.resourcesFolder = resourcesFolder ?? Self.bundledResources
        self.bcryptCost = bcryptCost
        self.mailFrom = mailFrom
    }

    public var isHTTPS: Bool { publicURL.lowercased().hasPrefix("https://") }

    /// The folder holding `Templates/` and `Public/`, as copied by SwiftPM beside the binary.
    public static var bundledResources: String { Bundle.module.bundlePath }
}
