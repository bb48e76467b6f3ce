import BoutiqueCore
import BoutiqueDocuments
import BoutiquePOS
import BoutiqueShop
import BoutiqueWeb
import Foundation
import Logging

/// The deployment's settings: every `BOUTIQUE_*` environment variable (documented in the README),
/// read and checked once, at the start of every command. A wrong value stops any command with a
/// French one-line message (`ConfigurationError`); what only some commands need (the seller and
/// the operator's address outside the demo, the card key) is required by those commands alone.
struct Settings {
    var host: String
    var port: Int
    var dataFolder: String
    var database: DatabaseLocation
    /// `BOUTIQUE_DATABASE_REPLICA_URL` (a PostgreSQL standby for the consoles' reports) and
    /// `BOUTIQUE_DATABASE_REPLICA_MAX_LAG` (seconds, 30); nil when unset.
    var replica: ReplicaSettings?
    /// Staff sessions' limits (`BOUTIQUE_STAFF_SESSION_IDLE_MINUTES`, 30; `BOUTIQUE_STAFF_SESSION_HOURS`, 8).
    var sessionLimits = SessionLimits()
    /// `BOUTIQUE_METRICS_TOKEN`: the bearer token of `/metrics`; nil: no metrics served.
    var metricsToken: String?
    /// `BOUTIQUE_OPERATOR_2FA` (`required` or `optional`): whether operators must log in with a
    /// second factor; required outside the demo unless said otherwise.
    var operatorsNeedSecondFactor = false
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
    /// The issuer's leading digits of new card numbers (`BOUTIQUE_CARD_PREFIX`, 5032).
    var cardPrefix: CardIssuerPrefix
    /// How long before its last day a card's holder is reminded (`BOUTIQUE_EXPIRY_REMINDER_DAYS`, 30).
    var reminderDays = 30
    /// `BOUTIQUE_CARD_KEY`, decoded; nil: the demo's key file (refused outside the demo).
    var cardKey: Data?
    /// `BOUTIQUE_OPERATOR_EMAIL`; nil when unset.
    var operatorEmail: String?
    /// `BOUTIQUE_SELLER_*`, complete; nil when none is set.
    var seller: InvoiceSeller?
    /// The payment provider and its secrets (`BOUTIQUE_PAYMENT_PROVIDER` and its variables).
    var payment: PaymentSetup
    /// The POS API's rate limits (`BOUTIQUE_POS_RATE`, `BOUTIQUE_POS_BURST`).
    var posOptions = POSOptions()
    /// The FEC export's chart of accounts (`BOUTIQUE_FEC_ACCOUNT_*`).
    var journalAccounts = JournalAccounts.standard

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
        let publicURL = environment["BOUTIQUE_PUBLIC_URL"] ?? "http://\(host):\(port)"
        let shopName = environment["BOUTIQUE_SHOP_NAME"] ?? "Boutique e-Cartes cadeaux"
        var settings = Settings(
            host: host, port: port, dataFolder: dataFolder, database: database,
            isDemo: try parseFlag(environment["BOUTIQUE_DEMO"], name: "BOUTIQUE_DEMO", default: true),
            publicURL: publicURL, shopName: shopName,
            logLevel: try parseLogLevel(environment["BOUTIQUE_LOG_LEVEL"]),
            bcryptCost: try parseCost(environment["BOUTIQUE_BCRYPT_COST"]),
            workerConcurrency: try parseCount(environment["BOUTIQUE_WORKER_CONCURRENCY"], name: "BOUTIQUE_WORKER_CONCURRENCY", default: 4),
            smtpURL: environment["BOUTIQUE_SMTP_URL"].flatMap { $0.isEmpty ? nil : $0 },
            mailFrom: environment["BOUTIQUE_MAIL_FROM"] ?? "no-reply@boutique.localhost",
            cardPrefix: try parseCardPrefix(environment["BOUTIQUE_CARD_PREFIX"]),
            payment: try PaymentSetup.make(publicURL: publicURL, shopName: shopName, environment: environment)
        )
        settings.urssafCeiling = try parsePMSS(environment["BOUTIQUE_URSSAF_PMSS"])
        settings.trustedProxies = try parseTrustedProxies(environment["BOUTIQUE_TRUSTED_PROXIES"])
        settings.reminderDays = try parseCount(environment["BOUTIQUE_EXPIRY_REMINDER_DAYS"], name: "BOUTIQUE_EXPIRY_REMINDER_DAYS", default: 30)
        settings.cardKey = try parseCardKey(environment["BOUTIQUE_CARD_KEY"])
        settings.operatorEmail = try parseOperatorEmail(environment["BOUTIQUE_OPERATOR_EMAIL"])
        settings.seller = try SellerSettings.parse(environment)
        settings.replica = try parseReplica(url: environment["BOUTIQUE_DATABASE_REPLICA_URL"],
                                            maxLag: environment["BOUTIQUE_DATABASE_REPLICA_MAX_LAG"], primary: database)
        settings.sessionLimits.staffIdle = .seconds(60 * (try parseCount(environment["BOUTIQUE_STAFF_SESSION_IDLE_MINUTES"],
                                                                             name: "BOUTIQUE_STAFF_SESSION_IDLE_MINUTES", default: 30)))
        settings.sessionLimits.staffAbsolute = .seconds(3_600 * (try parseCount(environment["BOUTIQUE_STAFF_SESSION_HOURS"],
                                                                                name: "BOUTIQUE_STAFF_SESSION_HOURS", default: 8)))
        settings.metricsToken = try parseMetricsToken(environment["BOUTIQUE_METRICS_TOKEN"])
        settings.operatorsNeedSecondFactor = try parseOperatorSecondFactor(environment["BOUTIQUE_OPERATOR_2FA"], isDemo: settings.isDemo)
        settings.posOptions = try parsePOSOptions(rate: environment["BOUTIQUE_POS_RATE"], burst: environment["BOUTIQUE_POS_BURST"])
        let chart = JournalAccounts.configured(environment)
        guard let accounts = chart.accounts else { throw ConfigurationError(chart.error ?? "BOUTIQUE_FEC_ACCOUNT_* invalide.") }
        settings.journalAccounts = accounts
        return settings
    }

    /// The use cases' settings. With `cards`, the card key (required outside the demo, where the
    /// data folder's key file is created on first use).
    func shop(cards: Bool = false) throws -> ShopSettings {
        var shop = ShopSettings(shopName: shopName, isDemo: isDemo, publicURL: publicURL, bcryptCost: bcryptCost, mailFrom: mailFrom)
        shop.urssafCeiling = urssafCeiling
        shop.sessionLimits = sessionLimits
        shop.operatorsNeedSecondFactor = operatorsNeedSecondFactor
        shop.payments = payment.settings
        shop.seller = seller ?? ShopSettings.demoSeller
        shop.journalAccounts = journalAccounts
        shop.operatorEmail = operatorEmail ?? shop.operatorEmail
        if cards { shop.cardSecrets = try cardSecrets() }
        return shop
    }

    /// What serving the shop needs beyond the rest: outside the demo, a real seller for invoices,
    /// an operator's address for « Contactez-nous » (the demo's reach nobody) and a payment
    /// provider chosen on purpose.
    func requireServing() throws(ConfigurationError) {
        guard !isDemo else { return }
        if seller == nil {
            throw ConfigurationError("Identité du vendeur requise hors démonstration (factures) : définissez "
                                     + SellerSettings.keys.map { "BOUTIQUE_SELLER_\($0)" }.joined(separator: ", ") + ".")
        }
        if operatorEmail == nil {
            throw ConfigurationError("BOUTIQUE_OPERATOR_EMAIL requis hors démonstration (reçoit les messages « Contactez-nous »).")
        }
        try payment.requireRealMoney()
    }

    /// Outside the demo, with the sandbox chosen on purpose, every page says payments are tests
    /// (the demo's own banner already says so).
    var showsTestPaymentsBanner: Bool { !isDemo && payment.takesTestPayments }

    /// The key that encrypts card numbers: `BOUTIQUE_CARD_KEY`, or in the demo a key file
    /// generated into the data folder.
    func cardSecrets() throws -> CardSecrets {
        try CardSecrets.load(key: cardKey, dataFolder: dataFolder, allowGenerated: isDemo)
    }

    /// How this process's worker runs.
    var worker: ShopServices.WorkerSettings {
        ShopServices.WorkerSettings(concurrency: workerConcurrency, smtpURL: smtpURL, cardPrefix: cardPrefix, reminderDays: reminderDays)
    }

    static func parseCardPrefix(_ text: String?) throws(ConfigurationError) -> CardIssuerPrefix {
        let value = text.flatMap { $0.isEmpty ? nil : $0 } ?? "5032"
        do {
            return try CardIssuerPrefix(value)
        } catch {
            throw ConfigurationError("BOUTIQUE_CARD_PREFIX invalide : « \(value) » (de 1 à 8 chiffres).")
        }
    }

    static func parseCardKey(_ text: String?) throws(ConfigurationError) -> Data? {
        guard let text, !text.isEmpty else { return nil }
        return try CardSecrets.key(base64: text)
    }

    static func parseOperatorEmail(_ text: String?) throws(ConfigurationError) -> String? {
        let value = text?.trimmingCharacters(in: .whitespaces) ?? ""
        if value.isEmpty { return nil }
        guard value.contains("@"), !value.contains(" ") else {
            throw ConfigurationError("BOUTIQUE_OPERATOR_EMAIL invalide : « \(value) ».")
        }
        return value
    }

    /// Requests per second per key and the burst above it; positive numbers.
    static func parsePOSOptions(rate: String?, burst: String?) throws(ConfigurationError) -> POSOptions {
        var options = POSOptions()
        if let rate, !rate.isEmpty {
            guard let value = Double(rate), value > 0, value.isFinite else {
                throw ConfigurationError("BOUTIQUE_POS_RATE invalide : « \(rate) » (requêtes par seconde et par clé, un nombre positif).")
            }
            options.requestsPerSecond = value
        }
        if let burst, !burst.isEmpty {
            guard let value = Double(burst), value >= 1, value.isFinite else {
                throw ConfigurationError("BOUTIQUE_POS_BURST invalide : « \(burst) » (au moins 1).")
            }
            options.burst = value
        }
        return options
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

    /// `required` or `optional`; unset, operators need a second factor everywhere but in the demo,
    /// whose seeded operator logs in with a password alone.
    static func parseOperatorSecondFactor(_ text: String?, isDemo: Bool) throws(ConfigurationError) -> Bool {
        switch text?.lowercased() {
        case nil, "": !isDemo
        case "required": true
        case "optional": false
        default: throw ConfigurationError("BOUTIQUE_OPERATOR_2FA invalide : required (obligatoire) ou optional (facultative).")
        }
    }

    /// At least 24 characters: a token Prometheus keeps in its configuration, not a password.
    static func parseMetricsToken(_ text: String?) throws(ConfigurationError) -> String? {
        guard let text, !text.isEmpty else { return nil }
        guard text.count >= 24, !text.contains(where: \.isWhitespace) else {
            throw ConfigurationError("BOUTIQUE_METRICS_TOKEN invalide : 24 caractères au moins, sans espace (openssl rand -hex 24).")
        }
        return text
    }

    /// A replica only makes sense beside a PostgreSQL primary, and must be a PostgreSQL URL.
    static func parseReplica(url: String?, maxLag: String?, primary: DatabaseLocation) throws(ConfigurationError) -> ReplicaSettings? {
        var seconds = 30
        if let maxLag {
            guard let value = Int(maxLag), (0...86_400).contains(value) else {
                throw ConfigurationError("BOUTIQUE_DATABASE_REPLICA_MAX_LAG invalide : « \(maxLag) » (attendu : des secondes, de 0 à 86400).")
            }
            seconds = value
        }
        guard let url, !url.isEmpty else { return nil }
        guard case .postgres = primary else {
            throw ConfigurationError("BOUTIQUE_DATABASE_REPLICA_URL demande une base principale PostgreSQL (BOUTIQUE_DATABASE_URL).")
        }
        guard case .postgres(let replicaURL)? = try? DatabaseLocation.parse(url) else {
            throw ConfigurationError("BOUTIQUE_DATABASE_REPLICA_URL doit être une URL postgres://… (un secours PostgreSQL).")
        }
        return ReplicaSettings(url: replicaURL, maxLag: .seconds(seconds))
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
