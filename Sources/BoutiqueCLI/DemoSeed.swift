import ArgumentParser
import Logging

/// `boutique demo-seed`: migrates and loads the demo data into an empty database.
struct DemoSeed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-seed", abstract: "Charge les données de démonstration dans une base vide.")

    func run() async throws {
        let settings: Settings
        do { settings = try Settings.load() } catch { throw Startup.fail(error) }
        Startup.bootstrapLogging(level: settings.logLevel)
        let loaded = try await Startup.withShop(settings, label: "boutique.seed") { shop in try await shop.seedDemoIfEmpty(stores: false) }
        print(loaded ? "Données de démonstration chargées." : "La base contient déjà des CSE : rien n'a été chargé.")
    }
}
