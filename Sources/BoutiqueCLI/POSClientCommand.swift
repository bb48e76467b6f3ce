import ArgumentParser
import BoutiqueShop
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
            let created = try await Startup.withShop(settings, label: "boutique.pos") { shop in
                try await shop.posClients.create(actor: .commandLine, name: name, storeCodes: stores.split(separator: ",").map(String.init))
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
