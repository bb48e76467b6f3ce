import ArgumentParser
import BoutiqueStore
import Logging
import ServiceLifecycle

/// `boutique worker`: only the background jobs, no web server; for production deployments that
/// run web instances with `serve --no-workers`. Stops gracefully on SIGTERM or SIGINT.
struct Worker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Exécute uniquement les travaux en arrière-plan.")

    func run() async throws {
        let settings: Settings
        do { settings = try Settings.load() } catch { throw Startup.fail(error) }
        Startup.bootstrapLogging(level: settings.logLevel)
        let logger = Logger(label: "boutique.worker")
        let database = try await Startup.openDatabase(settings, logger: logger)
        do {
            let payments = try await PaymentSetup.make(settings, database: database, mountSandbox: false)
            let group = ServiceGroup(services: try await Workers.make(database: database, settings: settings,
                                                                      payments: payments.settings, logger: logger),
                                     gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            try await group.run()
            await database.close()
        } catch {
            await database.close()
            throw Startup.fail(error)
        }
    }
}
