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

    static let sandboxPrefix = "/_sandbox/psp"

    static func make(publicURL: String, shopName: String, environment: [String: String]) throws(ConfigurationError) -> PaymentSetup {
        let delayText = environment["BOUTIQUE_ISSUE_DELAY"] ?? "0"
        guard let delay = Int(delayText), (0...172_800).contains(delay) else {
            throw ConfigurationError("BOUTIQUE_ISSUE_DELAY invalide : « \(delayText) » (secondes, de 0 à 172800).")
        }
        switch environment["BOUTIQUE_PAYMENT_PROVIDER"]?.lowercased() ?? "sandbox" {
        case "sandbox":
            let hosted = environment["BOUTIQUE_PSP_URL"].flatMap { $0.isEmpty ? nil : $0 }
            let configuration = try SandboxConfiguration.fromEnvironment(environment, pathPrefix: sandboxPrefix, publicBaseURL: publicURL)
            let provider = SandboxPaymentProvider(baseURL: hosted ?? publicURL + sandboxPrefix,
                                                  merchantID: configuration.merchantID, secret: configuration.secret)
            let hostedSandbox = hosted == nil ? configuration : nil
            return PaymentSetup(settings: PaymentSettings(providerName: "sandbox", provider: provider, publicURL: publicURL,
                                                          beneficiary: shopName, issueDelay: .seconds(delay)),
                                hostedSandbox: hostedSandbox, sandboxSecret: configuration.secret, stripeWebhookSecret: nil)
        case "stripe":
            guard let key = environment["BOUTIQUE_STRIPE_SECRET_KEY"], !key.isEmpty,
                  let webhook = environment["BOUTIQUE_STRIPE_WEBHOOK_SECRET"], !webhook.isEmpty else {
                throw ConfigurationError("Stripe demande BOUTIQUE_STRIPE_SECRET_KEY et BOUTIQUE_STRIPE_WEBHOOK_SECRET.")
            }
            let provider = StripePaymentProvider(secretKey: key, apiBaseURL: environment["BOUTIQUE_STRIPE_API_URL"] ?? "https://api.stripe.com")
            return PaymentSetup(settings: PaymentSettings(providerName: "stripe", provider: provider, publicURL: publicURL,
                                                          beneficiary: shopName, issueDelay: .seconds(delay)),
                                hostedSandbox: nil, sandboxSecret: nil, stripeWebhookSecret: webhook)
        case let other:
            throw ConfigurationError("BOUTIQUE_PAYMENT_PROVIDER invalide : « \(other) » (sandbox ou stripe).")
        }
    }

    /// The sandbox inside the shop, on the shop's own database (its `psp_*` tables), when the
    /// shop hosts it.
    func openSandbox(_ shop: ShopServices) async throws -> PaymentSandbox? {
        guard let hostedSandbox else { return nil }
        return try await PaymentSandbox.open(database: shop.sandboxStorage, configuration: hostedSandbox)
    }
}
