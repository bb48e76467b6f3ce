import ArgumentParser
import BoutiqueShop
import Foundation
import Logging

/// `boutique stores import FILE.csv`: creates or updates the stores of a retailer's file, row by
/// row, and lists the rejected rows with their line numbers. Exit code 1 when any row is rejected.
struct StoresCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stores", abstract: "Magasins où dépenser les e-Cartes.",
                                                    subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Importe des magasins (CSV : \(StoreImport.columns.joined(separator: ",")); séparateur , ou ;).")

        @Argument(help: "Fichier CSV (UTF-8).")
        var file: String

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("boutique: fichier illisible : \(file)\n".utf8))
                throw ExitCode(1)
            }
            guard let text = String(data: data, encoding: .utf8) else {
                FileHandle.standardError.write(Data("boutique: \(file) n'est pas en UTF-8.\n".utf8))
                throw ExitCode(1)
            }
            let settings: Settings
            do { settings = try Settings.load() } catch { throw Startup.fail(error) }
            Startup.bootstrapLogging(level: .warning)
            let report = try await Startup.withShop(settings, label: "boutique.stores") { shop in try await shop.storeImport.run(actor: .commandLine, csv: text) }
            print("Magasins créés : \(report.created), mis à jour : \(report.updated), lignes refusées : \(report.rejected.count)")
            for rejection in report.rejected { print("  ligne \(rejection.line) : \(rejection.reason)") }
            if !report.rejected.isEmpty { throw ExitCode(1) }
        }
    }
}
