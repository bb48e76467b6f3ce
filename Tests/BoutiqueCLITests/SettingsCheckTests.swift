import BoutiqueCore
import Foundation
import Testing

/// Every `BOUTIQUE_*` variable is read and checked once, when any command starts: a wrong value
/// stops `migrate`, `jobs`, `worker` and `serve` alike with the same single line, before the
/// database is touched (not only the command that happens to use the value).
@Suite("Settings checked at start-up")
struct SettingsCheckTests {
    @Test("a wrong value stops every command with one line and exit code 1", arguments: [
        ("BOUTIQUE_CARD_PREFIX", "12ab", "boutique: BOUTIQUE_CARD_PREFIX invalide : « 12ab »"),
        ("BOUTIQUE_POS_RATE", "vite", "boutique: BOUTIQUE_POS_RATE invalide : « vite »"),
        ("BOUTIQUE_OPERATOR_EMAIL", "operateur", "boutique: BOUTIQUE_OPERATOR_EMAIL invalide : « operateur »"),
        ("BOUTIQUE_PAYMENT_PROVIDER", "paypal", "boutique: BOUTIQUE_PAYMENT_PROVIDER invalide : « paypal »"),
        ("BOUTIQUE_SELLER_NAME", "Société", "boutique: Identité du vendeur incomplète pour les factures"),
        ("BOUTIQUE_DATABASE_REPLICA_URL", "postgres://127.0.0.1:1/boutique",
         "boutique: BOUTIQUE_DATABASE_REPLICA_URL demande une base principale PostgreSQL"),
        ("BOUTIQUE_METRICS_TOKEN", "court", "boutique: BOUTIQUE_METRICS_TOKEN invalide"),
        ("BOUTIQUE_DATABASE_REPLICA_MAX_LAG", "bientôt", "boutique: BOUTIQUE_DATABASE_REPLICA_MAX_LAG invalide : « bientôt »"),
        ("BOUTIQUE_FEC_ACCOUNT_BANK", "banque", "boutique: BOUTIQUE_FEC_ACCOUNT_BANK : « banque » n'est pas un numéro de compte"),
    ])
    func wrongValue(variable: String, value: String, message: String) async throws {
        for command in [["migrate"], ["jobs", "list"], ["worker"], ["serve"]] {
            // setup
            let folder = try TemporaryFolder()
            // act
            let process = try BoutiqueProcess.start(command, environment: ["BOUTIQUE_DATA_DIR": folder.path, variable: value])
            let status = try await process.wait(timeout: 60)
            // check
            #expect(status == 1, "\(command): \(process.standardError)")
            #expect(process.standardError.split(separator: "\n").count == 1, "\(command): \(process.standardError)")
            #expect(process.standardError.hasPrefix(message), "\(command): \(process.standardError)")
            #expect(!FileManager.default.fileExists(atPath: folder.path + "/boutique.sqlite"), "\(command) opened the database")
        }
    }
}
