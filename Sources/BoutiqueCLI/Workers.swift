import BoutiqueCore
import BoutiqueShop
import Foundation

/// The settings of the background workers and of the card key, from `BOUTIQUE_*`.
enum Workers {
    /// How this process's worker runs: concurrency, SMTP, the card prefix, the reminder delay.
    static func settings(_ settings: Settings) throws -> ShopServices.WorkerSettings {
        ShopServices.WorkerSettings(concurrency: settings.workerConcurrency, smtpURL: settings.smtpURL, cardPrefix: try cardPrefix(),
                                    reminderDays: try reminderDays())
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
}
