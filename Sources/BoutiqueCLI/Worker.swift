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
        var shopSettings: ShopSettings
        let worker: ShopServices.WorkerSettings
        do {
            settings = try Settings.load()
            shopSettings = settings.shop()
            shopSettings.payments = try PaymentSetup.make(settings, mountSandbox: false).settings
            shopSettings.cardSecrets = try Workers.cardSecrets(settings)
            worker = try Workers.settings(settings)
        } catch {
            throw Startup.fail(error)
        }
        Startup.bootstrapLogging(level: settings.logLevel)
        let logger = Logger(label: "boutique.worker")
        try await Startup.withShop(settings, shop: shopSettings, label: "boutique.worker", migrate: false) { shop in
            let group = ServiceGroup(services: try shop.workers(worker, logger: logger),
                                     gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            try await group.run()
        }
    }
}
