import BoutiqueCore
import BoutiqueShop
import BoutiqueWeb
import Foundation
import Logging

/// The deployment's settings, read from `BOUTIQUE_*` environment variables (documented in the
/// README). Every problem is a `ConfigurationError` with a French one-line message.
struct Settings {
    var host: String
    var port: Int
    var dataFolder: String
    var database: DatabaseLocation
    var isDemo: Bool
    var publicURL: String
    var shopName: String
    var logLevel: Logger.Level
    var bcryptCost: UInt8
    /// Jobs run at once by this process's worker.
    var workerConcurrency: Int
    /// `smtp://…`; none: e-mails go to the built-in mailbox.
    var smtpURL: String?
    var mailFrom: String
    /// The PMSS by year behind the dotations' URSSAF ceiling: the built-in years, corrected or
    /// extended by `BOUTIQUE_URSSAF_PMSS`.
    var urssafCeiling: UrssafCeiling = .standard
    /// The reverse proxies whose `X-Forwarded-For` names the client (`BOUTIQUE_TRUSTED_PROXIES`).
    var trustedProxies: TrustedProxies = .loopback

    static func load(environment: [String: String] = ProcessInfo.processInfo.environment,
                     host hostOption: String? = nil, port portOption: Int? = nil) throws(ConfigurationError) -> Settings {
        let host = hostOption ?? environment["BOUTIQUE_HOST"] ?? "127.0.0.1"
        var port = 8080
        if let portOption { port = portOption } else { port = try parsePort(environment["BOUTIQUE_PORT"]) }
        guard (1...65_535).contains(port) else {
            throw ConfigurationError("Port invalide : \(port) (attendu : un nombre entre 1 et 65535).")
        }
        let dataFolder = environment["BOUTIQUE_DATA_DIR"] ?? "./data"
        var database = DatabaseLocation.sqliteFile(path: URL(fileURLWithPath: dataFolder).appendingPathComponent("boutique.sqlite").path)
        if let url = environment["BOUTIQUE_DATABASE_URL"], !url.isEmpty { database = try DatabaseLocation.parse(url) }
        var settings = Settings(
            host: host, port: port, dataFolder: dataFolder, database: database,
            isDemo: try parseFlag(environment["BOUTIQUE_DEMO"], name: "BOUTIQUE_DEMO", default: true),
            publicURL: environment["BOUTIQUE_PUBLIC_URL"] ?? "http://\(host):\(port)",
            shopName: environment["BOUTIQUE_SHOP_NAME"] ?? "Boutique e-Cartes cadeaux",
            logLevel: try parseLogLevel(environment["BOUTIQUE_LOG_LEVEL"]),
            bcryptCost: try parseCost(environment["BOUTIQUE_BCRYPT_COST"]),
            workerConcurrency: try parseCount(environment["BOUTIQUE_WORKER_CONCURRENCY"], name: "BOUTIQUE_WORKER_CONCURRENCY", default: 4),
            smtpURL: environment["BOUTIQUE_SMTP_URL"].flatMap { $0.isEmpty ? nil : $0 },
            mailFrom: environment["BOUTIQUE_MAIL_FROM"] ?? "no-reply@boutique.localhost"
        )
        settings.urssafCeiling = try parsePMSS(environment["BOUTIQUE_URSSAF_PMSS"])
        settings.trustedProxies = try parseTrustedProxies(environment["BOUTIQUE_TRUSTED_PROXIES"])
        return settings
    }

    /// The use cases' settings, without the provider, the card key or the seller (the commands
    /// that need them add them).
    func shop() -> ShopSettings {
        var shop = ShopSettings(shopName: shopName, isDemo: isDemo, publicURL: publicURL, bcryptCost: bcryptCost, mailFrom: mailFrom)
        shop.urssafCeiling = urssafCeiling
        return shop
    }

    /// `2026=4005,2027=4100`: whole euros by year, merged over the built-in years.
    static func parsePMSS(_ text: String?) throws(ConfigurationError) -> UrssafCeiling {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return .standard }
        guard let values = UrssafCeiling.parse(text) else {
            throw ConfigurationError("BOUTIQUE_URSSAF_PMSS invalide : « \(text) » (attendu : année=PMSS en euros entiers, séparés par des "
                                     + "virgules, par ex. 2026=4005,2027=4100 ; années \(UrssafCeiling.configurableYears.lowerBound) à "
                                     + "\(UrssafCeiling.configurableYears.upperBound), de \(UrssafCeiling.configurableEuros.lowerBound) à "
                                     + "\(UrssafCeiling.configurableEuros.upperBound) €, chaque année une fois).")
        }
        return UrssafCeiling.standard.merging(values)
    }

    /// `127.0.0.1,::1` when unset; an empty value trusts no proxy.
    static func parseTrustedProxies(_ text: String?) throws(ConfigurationError) -> TrustedProxies {
        guard let text else { return .loopback }
        do {
            return try TrustedProxies(parsing: text)
        } catch {
            throw ConfigurationError("BOUTIQUE_TRUSTED_PROXIES invalide : « \(error.entry) » n'est ni une adresse IP ni un réseau CIDR "
                                     + "(attendu : des adresses ou réseaux séparés par des virgules, par ex. 127.0.0.1,::1,10.0.0.0/8).")
        }
    }

    static func parsePort(_ text: String?) throws(ConfigurationError) -> Int {
        guard let text else { return 8080 }
        guard let port = Int(text) else {
            throw ConfigurationError("BOUTIQUE_PORT invalide : « \(text) » (attendu : un nombre entre 1 et 65535).")
        }
        return port
    }

    static func parseFlag(_ text: String?, name: String, default value: Bool) throws(ConfigurationError) -> Bool {
        switch text?.lowercased() {
        case nil, "": value
        case "1", "true", "yes", "oui": true
        case "0", "false", "no", "non": false
        case let other?: throw ConfigurationError("\(name) invalide : « \(other) » (attendu : 1 ou 0).")
        }
    }

    static func parseLogLevel(_ text: String?) throws(ConfigurationError) -> Logger.Level {
        guard let text else { return .info }
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            throw ConfigurationError("BOUTIQUE_LOG_LEVEL invalide : « \(text) » (trace, debug, info, notice, warning, error, critical).")
        }
        return level
    }

    static func parseCount(_ text: String?, name: String, default value: Int) throws(ConfigurationError) -> Int {
        guard let text else { return value }
        guard let count = Int(text), (1...256).contains(count) else {
            throw ConfigurationError("\(name) invalide : « \(text) » (attendu : de 1 à 256).")
        }
        return count
    }

    static func parseCost(_ text: String?) throws(ConfigurationError) -> UInt8 {
        guard let text else { return 12 }
        guard let cost = UInt8(text), (4...16).contains(cost) else {
            throw ConfigurationError("BOUTIQUE_BCRYPT_COST invalide : « \(text) » (attendu : de 4 à 16).")
        }
        return cost
    }
}
