import ArgumentParser
import BoutiqueShop
import BoutiqueStore
import Foundation
import Logging

/// `boutique pos-client …`: the retailers whose tills use the POS API.
struct POSClientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pos-client", abstract: "Clients de caisse (API POS).", subcommands: [Create.self])

    /// `boutique pos-client create --name NAME [--stores CODE,…]`: prints the new key once, alone
    /// on the last line, so that scripts can take it with `tail -n 1`.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Crée un client de caisse et sa clé d'API (affichée une seule fois, en dernière ligne).")

        @Option(help: "Nom de l'enseigne.") var name: String
        @Option(help: "Codes magasin, séparés par des virgules (créés pour ce client).") var stores: String = ""

        func run() async throws {
            let settings: Settings
            do { settings = try Settings.load() } catch { throw Startup.fail(error) }
            Startup.bootstrapLogging(level: settings.logLevel)
            let database = try await Startup.openDatabase(settings, logger: Logger(label: "boutique.pos"))
            let created: POSClients.Created
            do {
                try await database.migrate()
                created = try await POSClients(database: database).create(name: name, storeCodes: stores.split(separator: ",").map(String.init))
                await database.close()
            } catch {
                await database.close()
                throw Startup.fail(error)
            }
            let codes = created.storeCodes.isEmpty ? "aucun" : created.storeCodes.joined(separator: ", ")
            let lines = [
                "Client de caisse « \(name) » créé (\(created.clientID.uuidString.lowercased())).",
                "Magasins : \(codes).",
                "Clé d'API (conservez-la : elle ne sera plus affichée) :",
                created.key,
            ]
            FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        }
    }
}
