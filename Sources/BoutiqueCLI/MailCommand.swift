import ArgumentParser
import BoutiqueMail
import BoutiqueShop
import BoutiqueStore
import Foundation
import Logging
import SQLKit

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
            let database = try await Startup.openDatabase(settings, logger: Logger(label: "boutique.mail"))
            do {
                try await database.migrate()
                let composer = try await MailComposer(settings: Workers.mailSettings(settings))
                let message = try composer.compose("test", to: MailAddress(to), subject: "Message de test de \(settings.shopName)", data: [String: String]())
                let id = try await Outbox.enqueue(message, on: database.sql)
                await database.close()
                print("E-mail de test mis en file (travail n° \(id.map(String.init) ?? "?")) pour \(to).")
            } catch {
                await database.close()
                throw Startup.fail(error)
            }
        }
    }
}
