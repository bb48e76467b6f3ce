import BoutiqueCore
import BoutiqueStore
import Foundation

extension SandboxConfiguration {
    /// The demo's merchant account, used when `BOUTIQUE_PSP_MERCHANT_ID` / `BOUTIQUE_PSP_SECRET`
    /// are not set. The sandbox moves no money, but set real values wherever it is reachable.
    public static let demoMerchantID = "boutique-demo"
    public static let demoSecret = "sandbox-demo-secret"

    /// Reads the sandbox's `BOUTIQUE_PSP_*` variables (the shop reads the same ones when it mounts
    /// the sandbox, so that both sides agree on the merchant account):
    /// `BOUTIQUE_PSP_MERCHANT_ID`, `BOUTIQUE_PSP_SECRET`, `BOUTIQUE_PSP_NOTIFY_DELAY` (seconds,
    /// default 3; 1200 plays the real system), `BOUTIQUE_PSP_PAYMENT_LIFETIME` (seconds, default
    /// 3600), `BOUTIQUE_PSP_PUBLIC_URL` (default: `publicBaseURL`), `BOUTIQUE_PSP_MERCHANT_URL`
    /// (the merchant's site, where browsers may be sent back; default: `merchantBaseURL`, the shop's
    /// own address when the shop hosts the sandbox).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment,
                                       pathPrefix: String = "", publicBaseURL: String? = nil,
                                       merchantBaseURL: String? = nil) throws(ConfigurationError) -> SandboxConfiguration {
        let delay = try seconds(environment["BOUTIQUE_PSP_NOTIFY_DELAY"], name: "BOUTIQUE_PSP_NOTIFY_DELAY", default: 3, range: 0...86_400)
        let lifetime = try seconds(environment["BOUTIQUE_PSP_PAYMENT_LIFETIME"], name: "BOUTIQUE_PSP_PAYMENT_LIFETIME",
                                   default: 3_600, range: 1...604_800)
        let merchantURL = nonEmpty(environment["BOUTIQUE_PSP_MERCHANT_URL"]) ?? merchantBaseURL
        if let merchantURL, !SandboxReturnURL.isBase(merchantURL) {
            throw ConfigurationError("BOUTIQUE_PSP_MERCHANT_URL invalide : « \(merchantURL) » (attendu : l'adresse http(s) du site marchand).")
        }
        return SandboxConfiguration(
            merchantID: nonEmpty(environment["BOUTIQUE_PSP_MERCHANT_ID"]) ?? demoMerchantID,
            secret: nonEmpty(environment["BOUTIQUE_PSP_SECRET"]) ?? demoSecret,
            pathPrefix: pathPrefix,
            publicBaseURL: nonEmpty(environment["BOUTIQUE_PSP_PUBLIC_URL"]) ?? publicBaseURL,
            merchantBaseURL: merchantURL,
            notificationDelay: .seconds(delay), paymentLifetime: .seconds(lifetime))
    }

    static func seconds(_ text: String?, name: String, default value: Int, range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        guard let text = nonEmpty(text) else { return value }
        guard let seconds = Int(text), range.contains(seconds) else {
            throw ConfigurationError("\(name) invalide : « \(text) » (attendu : un nombre de secondes de \(range.lowerBound) à \(range.upperBound)).")
        }
        return seconds
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}
