import BoutiqueCore
import BoutiquePOS
import BoutiqueShop
import Foundation

/// What the web application needs to know about its deployment: the shop's settings (shared with
/// the use cases through `ShopServices`) and what only the HTTP side uses.
public struct WebConfiguration: Sendable {
    /// The shop's settings; `ShopServices` is built from the same value.
    public var shop: ShopSettings
    /// Where templates and static files are read from (the module's bundle by default).
    public var resourcesFolder: String
    /// Secrets that authenticate the providers' notifications.
    public var sandboxNotificationSecret: String?
    public var stripeWebhookSecret: String?
    /// Rate limits of the POS API.
    public var posOptions = POSOptions()
    /// E-mails leave by SMTP (`BOUTIQUE_SMTP_URL`): the mailbox pages then show the copies the
    /// outbox keeps of what it sent, to operators only, even in the demo.
    public var sendsMailBySMTP = false
    /// The reverse proxies whose `X-Forwarded-For` names the client (`BOUTIQUE_TRUSTED_PROXIES`).
    public var trustedProxies: TrustedProxies = .loopback
    /// The bearer token Prometheus sends for `/metrics` (`BOUTIQUE_METRICS_TOKEN`); nil: no metrics.
    public var metricsToken: String?
    /// The sandbox takes the payments outside the demo: every page says « Paiements de test ».
    public var showsTestPaymentsBanner = false

    public init(shopName: String = "Boutique e-Cartes cadeaux", isDemo: Bool = true,
                publicURL: String = "http://127.0.0.1:8080", resourcesFolder: String? = nil,
                bcryptCost: UInt8 = 12, mailFrom: String = "no-reply@boutique.localhost") {
        shop = ShopSettings(shopName: shopName, isDemo: isDemo, publicURL: publicURL, bcryptCost: bcryptCost, mailFrom: mailFrom)
        self.resourcesFolder = resourcesFolder ?? Self.bundledResources
    }

    public var shopName: String { shop.shopName }
    public var isDemo: Bool {
        get { shop.isDemo }
        set { shop.isDemo = newValue }
    }
    public var isHTTPS: Bool { shop.publicURL.lowercased().hasPrefix("https://") }

    /// The folder holding `Templates/` and `Public/`, as copied by SwiftPM beside the binary.
    public static var bundledResources: String { Bundle.module.bundlePath }
}
