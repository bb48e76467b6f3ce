import BoutiqueCore
import BoutiquePayments
import BoutiqueShop
import Foundation
import Hummingbird
import Logging
import PSPSandbox
import ServiceLifecycle

/// The payment provider of a process, from `BOUTIQUE_PAYMENT_PROVIDER` and its settings (read
/// with the rest by `Settings.load`). With the sandbox and no `BOUTIQUE_PSP_URL`, the sandbox runs
/// inside the shop under `/_sandbox/psp`, on the shop's own database, so `swift run boutique`
/// needs nothing else.
struct PaymentSetup {
    let settings: PaymentSettings
    /// The sandbox's settings, when the shop hosts it (see `openSandbox`; workers only talk to it).
    let hostedSandbox: SandboxConfiguration?
    let sandboxSecret: String?
    let stripeWebhookSecret: String?
    /// Whether `BOUTIQUE_PAYMENT_PROVIDER` was set: outside the demo the provider must be chosen,
    /// not fallen into (see `requireRealMoney`).
    var isNamed = false
    /// The sandbox with its published secret: anyone can create payments on it.
    var usesPublishedSecret = false

    /// The sandbox takes no real money: pages then warn that payments are tests.
    var takesTestPayments: Bool { settings.providerName == "sandbox" }

    static let sandboxPrefix = "/_sandbox/psp"

    static func make(publicURL: String, shopName: String, environment: [String: String]) throws(ConfigurationError) -> PaymentSetup {
        // The demo shows « Validé » for a few seconds before « Activé », as a real issuer would
        // (for hours); production issues at once unless told otherwise.
        let isDemo = environment["BOUTIQUE_DEMO"] != "0"
        let delayText = environment["BOUTIQUE_ISSUE_DELAY"] ?? (isDemo ? "4" : "0")
        guard let delay = Int(delayText), (0...172_800).contains(delay) else {
            throw ConfigurationError("BOUTIQUE_ISSUE_DELAY invalide : « \(delayText) » (secondes, de 0 à 172800).")
        }
        let named = environment["BOUTIQUE_PAYMENT_PROVIDER"].flatMap { $0.isEmpty ? nil : $0.lowercased() }
        switch named ?? "sandbox" {
        case "sandbox":
            let hosted = environment["BOUTIQUE_PSP_URL"].flatMap { $0.isEmpty ? nil : $0 }
            // The shop's own sandbox sends browsers back to the shop only.
            let configuration = try SandboxConfiguration.fromEnvironment(environment, pathPrefix: sandboxPrefix, publicBaseURL: publicURL,
                                                                         merchantBaseURL: hosted == nil ? publicURL : nil)
            let provider = SandboxPaymentProvider(baseURL: hosted ?? publicURL + sandboxPrefix,
                                                  merchantID: configuration.merchantID, secret: configuration.secret)
            let hostedSandbox = hosted == nil ? configuration : nil
            var setup = PaymentSetup(settings: PaymentSettings(providerName: "sandbox", provider: provider, publicURL: publicURL,
                                                               beneficiary: shopName, issueDelay: .seconds(delay)),
                                     hostedSandbox: hostedSandbox, sandboxSecret: configuration.secret, stripeWebhookSecret: nil)
            setup.isNamed = named != nil
            setup.usesPublishedSecret = configuration.secret == SandboxConfiguration.demoSecret
            return setup
        case "stripe":
            guard let key = environment["BOUTIQUE_STRIPE_SECRET_KEY"], !key.isEmpty,
                  let webhook = environment["BOUTIQUE_STRIPE_WEBHOOK_SECRET"], !webhook.isEmpty else {
                throw ConfigurationError("Stripe demande BOUTIQUE_STRIPE_SECRET_KEY et BOUTIQUE_STRIPE_WEBHOOK_SECRET.")
            }
            let provider = StripePaymentProvider(secretKey: key, apiBaseURL: environment["BOUTIQUE_STRIPE_API_URL"] ?? "https://api.stripe.com")
            var setup = PaymentSetup(settings: PaymentSettings(providerName: "stripe", provider: provider, publicURL: publicURL,
                                                               beneficiary: shopName, issueDelay: .seconds(delay)),
                                     hostedSandbox: nil, sandboxSecret: nil, stripeWebhookSecret: webhook)
            setup.isNamed = true
            return setup
        case let other:
            throw ConfigurationError("BOUTIQUE_PAYMENT_PROVIDER invalide : « \(other) » (sandbox ou stripe).")
        }
    }

    /// Outside the demo, money must be real unless the sandbox is chosen on purpose: a provider
    /// named in `BOUTIQUE_PAYMENT_PROVIDER`, and for the sandbox a secret of its own (the
    /// published one lets anyone create payments and pages on the shop's origin).
    func requireRealMoney() throws(ConfigurationError) {
        guard isNamed else {
            throw ConfigurationError("BOUTIQUE_PAYMENT_PROVIDER requis hors démonstration : stripe (avec BOUTIQUE_STRIPE_SECRET_KEY et "
                                     + "BOUTIQUE_STRIPE_WEBHOOK_SECRET), ou sandbox pour des paiements de test.")
        }
        if usesPublishedSecret {
            throw ConfigurationError("BOUTIQUE_PSP_SECRET requis hors démonstration avec le simulateur de paiement : une clé secrète "
                                     + "autre que celle de la démonstration (openssl rand -hex 24).")
        }
    }

    /// The sandbox inside the shop, on the shop's own database (its `psp_*` tables), when the
    /// shop hosts it.
    func openSandbox(_ shop: ShopServices) async throws -> PaymentSandbox? {
        guard let hostedSandbox else { return nil }
        return try await PaymentSandbox.open(database: shop.sandboxStorage, configuration: hostedSandbox)
    }
}
