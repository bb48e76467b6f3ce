import ArgumentParser
import BoutiqueShop
import Foundation
import Logging

/// `boutique mail test --to ADDRESS`: queues a test e-mail through the outbox, to check the SMTP
/// settings of a deployment (the workers send it, as they send every e-mail).
struct MailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mail", abstract: "E-mails de la boutique.",
                                                    subcommands: [Test.self])

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Met en file un e-mail de test.")

        @Option(help: "Adresse du destinataire.")
        var to: String

        func validate() throws {
            guard to.contains("@"), !to.contains(" ") else { throw ValidationError("Adresse e-mail invalide : \(to)") }
        }

        func run() async throws {
            let settings: Settings
            do { settings = try Settings.load() } catch { throw Startup.fail(error) }
            Startup.bootstrapLogging(level: .warning)
            let id = try await Startup.withShop(settings, label: "boutique.mail") { shop in try await shop.queueTestMail(to: to) }
            print("E-mail de test mis en file (travail n° \(id.map(String.init) ?? "?")) pour \(to).")
        }
    }
}
