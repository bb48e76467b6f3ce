import ArgumentParser
import BoutiqueCore
import Foundation
import Logging
import PSPSandbox

/// `boutique psp-sandbox`: the sandbox payment provider as its own HTTP service, on its own
/// database, the way the shop meets a real provider (another origin, server-to-server calls).
struct PSPSandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "psp-sandbox",
        abstract: "Démarre le simulateur de prestataire de paiement (page de paiement, 3-D Secure, notifications).")

    @Option(name: .long, help: "Adresse d'écoute (BOUTIQUE_PSP_HOST, 127.0.0.1 par défaut).")
    var host: String?

    @Option(name: .long, help: "Port d'écoute (BOUTIQUE_PSP_PORT, 8081 par défaut).")
    var port: Int?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let host = host ?? environment["BOUTIQUE_PSP_HOST"] ?? "127.0.0.1"
        let port = try port ?? Self.port(environment["BOUTIQUE_PSP_PORT"])
        let location: DatabaseLocation
        let configuration: SandboxConfiguration
        do {
            location = try Self.databaseLocation(environment)
            configuration = try SandboxConfiguration.fromEnvironment(environment, publicBaseURL: "http://\(host):\(port)")
        } catch {
            throw Startup.fail(error)
        }
        Startup.bootstrapLogging(level: environment["BOUTIQUE_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .info)
        let logger = Logger(label: "boutique.psp-sandbox")
        do {
            try await PaymentSandbox.runStandalone(location: location, configuration: configuration, host: host, port: port,
                                                   logger: logger) {
                let base = configuration.publicBaseURL ?? "http://\(host):\(port)"
                FileHandle.standardOutput.write(Data("""

                    Simulateur de paiement prêt : \(base)
                    API marchand : \(base)/v1/web-payments (identifiant « \(configuration.merchantID) »)
                    Base de données : \(location)
                    Ctrl-C pour arrêter.

                    """.utf8))
            }
        } catch {
            throw Startup.fail(Self.explained(error, host: host, port: port))
        }
    }

    /// The usual start-up failure, a port already taken, in one clear line.
    static func explained(_ error: any Error, host: String, port: Int) -> any Error {
        let text = String(describing: error)
        guard text.contains("Address already in use") || text.contains("errno: 98") else { return error }
        return ConfigurationError("le port \(port) de \(host) est déjà utilisé (changez BOUTIQUE_PSP_PORT ou --port).")
    }

    static func port(_ text: String?) throws -> Int {
        guard let text, !text.isEmpty else { return 8081 }
        guard let port = Int(text), (1...65_535).contains(port) else {
            throw Startup.fail(ConfigurationError("BOUTIQUE_PSP_PORT invalide : « \(text) » (attendu : un nombre entre 1 et 65535)."))
        }
        return port
    }

    /// `BOUTIQUE_PSP_DATABASE_URL`, else `psp-sandbox.sqlite` in `BOUTIQUE_DATA_DIR`: never the
    /// shop's own file, since the provider is another company.
    static func databaseLocation(_ environment: [String: String]) throws -> DatabaseLocation {
        if let url = environment["BOUTIQUE_PSP_DATABASE_URL"], !url.isEmpty { return try DatabaseLocation.parse(url) }
        let folder = environment["BOUTIQUE_DATA_DIR"] ?? "./data"
        return .sqliteFile(path: URL(fileURLWithPath: folder).appendingPathComponent("psp-sandbox.sqlite").path)
    }
}
