import ArgumentParser
import BoutiqueShop
import BoutiqueStore
import Logging

/// `boutique demo-seed`: migrates and loads the demo data into an empty database.
struct DemoSeed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-seed", abstract: "Charge les données de démonstration dans une base vide.")

    func run() async throws {
        let settings: Settings
        do { settings = try Settings.load() } catch { throw Startup.fail(error) }
        Startup.bootstrapLogging(level: settings.logLevel)
        let database = try await Startup.openDatabase(settings, logger: Logger(label: "boutique.seed"))
        let loaded: Bool
        do {
            try await database.migrate()
            loaded = try await DemoData.seedIfEmpty(database, hasher: PasswordHasher(cost: settings.bcryptCost))
            await database.close()
        } catch {
            await database.close()
            throw Startup.fail(error)
        }
        print(loaded ? "Données de démonstration chargées." : "La base contient déjà des CSE : rien n'a été chargé.")
    }
}
