import ArgumentParser
import BoutiqueShop
import Foundation
import Logging

/// `boutique employees import --tenant SLUG FILE.csv`: imports a CSE's list of expected employees
/// (`e-mail;nom;prénom`), with a progress line, and lists the refused rows. All or nothing: exit
/// code 1 and nothing written when any row is refused. As on the manager's import page, accounts
/// already waiting for approval with a listed e-mail are approved (and told by e-mail).
struct EmployeesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "employees", abstract: "Salariés attendus d'un CSE.",
                                                    subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import", abstract: "Importe la liste des salariés d'un CSE (CSV : e-mail;nom;prénom, avec une ligne d'en-tête).")

        @Option(help: "Identifiant (slug) du CSE.")
        var tenant: String

        @Argument(help: "Fichier CSV (UTF-8 ou Windows-1252).")
        var file: String

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("boutique: fichier illisible : \(file)\n".utf8))
                throw ExitCode(1)
            }
            let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .windowsCP1252) ?? ""
            let settings: Settings
            do { settings = try Settings.load() } catch { throw Startup.fail(error) }
            Startup.bootstrapLogging(level: .warning)
            let started = Date()
            let report = try await Startup.withShop(settings, label: "boutique.employees") { shop in
                guard let tenantID = try await shop.tenants.find(slug: tenant)?.id else {
                    FileHandle.standardError.write(Data("boutique: CSE inconnu : \(tenant)\n".utf8))
                    throw ExitCode(1)
                }
                // The same use case as the manager's import page: its audit entry names the command line.
                return try await shop.employeeImport
                    .run(tenantID: tenantID, actor: .commandLine, csv: text) { done, total in Self.progress(done, total) }
            }
            let seconds = Date().timeIntervalSince(started)
            print("Lignes : \(report.rows), ajoutées : \(report.added), mises à jour : \(report.updated), refusées : \(report.rejected.count)"
                  + ", comptes validés : \(report.approved) (\(Int(seconds * 1000)) ms)")
            for rejection in report.rejected.prefix(1000) { print("  ligne \(rejection.line) : \(rejection.reason)") }
            if !report.isAccepted {
                print("Rien n'a été importé : corrigez les lignes refusées et recommencez.")
                throw ExitCode(1)
            }
        }

        /// `Import : 5000/10000 (50 %)` on standard error, rewritten in place on a terminal.
        static func progress(_ done: Int, _ total: Int) {
            let line = "Import : \(done)/\(total) (\(total == 0 ? 100 : done * 100 / total) %)"
            let onTerminal = isatty(FileHandle.standardError.fileDescriptor) == 1
            FileHandle.standardError.write(Data((onTerminal ? "\r\(line)" + (done == total ? "\n" : "") : "\(line)\n").utf8))
        }
    }
}
