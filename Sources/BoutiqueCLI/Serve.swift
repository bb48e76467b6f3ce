import ArgumentParser
import BoutiqueCore
import BoutiqueShop
import BoutiquePOS
import BoutiqueWeb
import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus
import ServiceLifecycle

/// `boutique serve` (the default): migrates, loads the demo data into an empty demo database,
/// and serves the shop until SIGINT or SIGTERM.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Démarre la boutique (par défaut).")

    @Option(name: .long, help: "Adresse d'écoute (BOUTIQUE_HOST, 127.0.0.1 par défaut).")
    var host: String?

    @Option(name: .long, help: "Port d'écoute (BOUTIQUE_PORT, 8080 par défaut).")
    var port: Int?

    @Flag(name: .long, help: "Ne pas appliquer les migrations au démarrage (voir `boutique migrate`).")
    var noMigrate = false

    @Flag(name: .long, help: "Ne pas exécuter les travaux en arrière-plan ici (voir `boutique worker`).")
    var noWorkers = false

    func run() async throws {
        let settings: Settings
        var configuration = WebConfiguration()
        do {
            // Checked before the database is touched: a misconfigured production start says one line.
            settings = try Settings.load(host: host, port: port)
            try settings.requireServing()
            configuration.shop = try settings.shop(cards: true)
            configuration.trustedProxies = settings.trustedProxies
            configuration.metricsToken = settings.metricsToken
            configuration.sendsMailBySMTP = settings.smtpURL != nil
            configuration.posOptions = settings.posOptions
            configuration.sandboxNotificationSecret = settings.payment.sandboxSecret
            configuration.stripeWebhookSecret = settings.payment.stripeWebhookSecret
            configuration.showsTestPaymentsBanner = settings.showsTestPaymentsBanner
        } catch let error {
            throw Startup.fail(error)
        }
        Startup.bootstrapLogging(level: settings.logLevel)
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let logger = Logger(label: "boutique")
        let shop = try await Startup.openShop(settings, shop: configuration.shop, logger: logger)
        do {
            try await prepare(shop, settings: settings)
            let posKey = settings.isDemo ? try await shop.seedDemoCards(prefix: settings.cardPrefix) : nil
            let sandbox = try await settings.payment.openSandbox(shop)
            var services: [any Service] = noWorkers ? [] : try shop.workers(settings.worker, logger: logger)
            if let sandbox { services.append(sandbox.makeNotifier()) }
            let app = try await buildApplication(
                configuration: configuration, shop: shop, registry: registry,
                address: .hostname(settings.host, port: settings.port), services: services,
                extraRoutes: { router in sandbox?.addRoutes(to: router) },
                logger: logger)
            printBanner(settings, posKey: posKey)
            try await app.runService()
            await shop.close()
        } catch {
            await shop.close()
            throw Startup.fail(ServeError(error, settings: settings))
        }
    }

    private func prepare(_ shop: ShopServices, settings: Settings) async throws {
        if !noMigrate { try await shop.migrate() }
        if settings.isDemo { _ = try await shop.seedDemoIfEmpty() }
    }

    private func printBanner(_ settings: Settings, posKey: String?) {
        var lines = ["", "Boutique est prête : \(settings.publicURL)", "Base de données : \(settings.database)"]
        if settings.isDemo {
            lines.append("Comptes de démonstration (mot de passe « \(DemoData.password) ») :")
            lines += DemoData.logins.map { "  \($0.email)  — \($0.description)" }
        }
        if let posKey {
            lines.append(CardDemo.bannerLine(key: posKey))
            lines.append("  essai : curl -s -H 'Authorization: Bearer \(posKey)' -H 'Content-Type: application/json' \\")
            lines.append("          -d '{\"cardNumber\":\"…\"}' \(settings.publicURL)/api/pos/v1/card-lookups  (documentation : \(settings.publicURL)/api/pos/v1/docs)")
        }
        lines.append("Ctrl-C pour arrêter.\n")
        // Written directly: `print` is block-buffered when standard output is a pipe or a file.
        FileHandle.standardOutput.write(Data(lines.joined(separator: "\n").utf8))
    }
}

/// Explains start-up failures in one line: the usual one is a port already taken.
struct ServeError: Error, CustomStringConvertible {
    let description: String

    init(_ error: any Error, settings: Settings) {
        let text = String(describing: error)
        if text.contains("Address already in use") || text.contains("errno: 98") {
            description = "le port \(settings.port) de \(settings.host) est déjà utilisé (changez BOUTIQUE_PORT ou --port)."
        } else if text.contains("Permission denied") || text.contains("errno: 13") {
            description = "écoute sur \(settings.host):\(settings.port) refusée (port réservé ?)."
        } else if text.contains("Cannot assign requested address") || text.contains("errno: 99") {
            description = "l'adresse \(settings.host) n'existe pas sur cette machine."
        } else if let error = error as? ConfigurationError {
            description = error.message
        } else {
            description = "arrêt sur erreur : \(text)"
        }
    }
}
