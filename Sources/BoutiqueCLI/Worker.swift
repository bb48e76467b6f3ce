import ArgumentParser
import BoutiqueShop
import Logging
import ServiceLifecycle

/// `boutique worker`: only the background jobs, no web server; for production deployments that
/// run web instances with `serve --no-workers`. Stops gracefully on SIGTERM or SIGINT.
struct Worker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Exécute uniquement les travaux en arrière-plan.")

    func run() async throws {
        let settings: Settings
        let shopSettings: ShopSettings
        do {
            settings = try Settings.load()
            shopSettings = try settings.shop(cards: true)
        } catch {
            throw Startup.fail(error)
        }
        Startup.bootstrapLogging(level: settings.logLevel)
        let logger = Logger(label: "boutique.worker")
        try await Startup.withShop(settings, shop: shopSettings, label: "boutique.worker", migrate: false) { shop in
            let group = ServiceGroup(services: try shop.workers(settings.worker, logger: logger),
                                     gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            try await group.run()
        }
    }
}
