import ArgumentParser
import Logging

/// `boutique migrate`: applies pending migrations, then exits. For deployments that migrate
/// before starting new instances.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Applique les migrations de la base de données.")

    func run() async throws {
        let settings: Settings
        do { settings = try Settings.load() } catch { throw Startup.fail(error) }
        Startup.bootstrapLogging(level: settings.logLevel)
        try await Startup.withShop(settings, label: "boutique.migrate") { _ in }
        print("Migrations appliquées sur \(settings.database).")
    }
}
