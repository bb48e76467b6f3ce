import ArgumentParser
import BoutiqueStore
import Logging

/// `boutique migrate`: applies pending migrations, then exits. For deployments that migrate
/// before starting new instances.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Applique les migrations de la base de données.")

    func run() async throws {
        let settings: Settings
        do { settings = try Settings.load() } catch { throw Startup.fail(error) }
        Startup.bootstrapLogging(level: settings.logLevel)
        let logger = Logger(label: "boutique.migrate")
        let database = try await Startup.openDatabase(settings, logger: logger)
        do {
            try await database.migrate()
            await database.close()
        } catch {
            await database.close()
            throw Startup.fail(error)
        }
        print("Migrations appliquées sur \(settings.database).")
    }
}
