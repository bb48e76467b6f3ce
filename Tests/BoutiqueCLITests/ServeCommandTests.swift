import BoutiqueCore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// Runs the real `boutique` binary, as a newcomer or an operator would.
@Suite("boutique serve", .serialized)
struct ServeCommandTests {
    @Test("serve starts on an empty data folder, loads the demo, prints the URL and logins, and stops on SIGTERM")
    func demoStart() async throws {
        // setup
        let folder = try TemporaryFolder()
        let port = try FreePort.pick()
        let process = try BoutiqueProcess.start(["serve", "--port", "\(port)"], environment: [
            "BOUTIQUE_DATA_DIR": folder.path, "BOUTIQUE_BCRYPT_COST": "4", "BOUTIQUE_LOG_LEVEL": "warning",
        ])
        defer { process.kill() }
        // act
        let home = try await HTTP.waitForPage("http://127.0.0.1:\(port)/cse/alpha/catalogue", timeout: 60)
        process.terminate()
        let status = try await process.wait(timeout: 20)
        // check
        #expect(home.contains("CSE Alpha Industries"))
        #expect(home.contains("e-Carte Économies"))
        #expect(status == 0)
        let output = process.standardOutput
        #expect(output.contains("http://127.0.0.1:\(port)"))
        #expect(output.contains("marie.dupont@demo.test"))
        #expect(output.contains("boutique-demo"))
        #expect(FileManager.default.fileExists(atPath: folder.path + "/boutique.sqlite"))
    }

    @Test("bad configuration ends serve with one clear line and a non-zero exit", arguments: [
        (["BOUTIQUE_PORT": "quatre-vingts"], "BOUTIQUE_PORT invalide"),
        (["BOUTIQUE_PORT": "70000"], "Port invalide"),
        (["BOUTIQUE_DATABASE_URL": "postgres://boutique:motdepasse@127.0.0.1:1/boutique"], "injoignable"),
        (["BOUTIQUE_DATABASE_URL": "mysql://x"], "BOUTIQUE_DATABASE_URL"),
        (["BOUTIQUE_DATA_DIR": "/proc/boutique-interdit"], "/proc/boutique-interdit"),
        (["BOUTIQUE_DEMO": "peut-être"], "BOUTIQUE_DEMO invalide"),
        (["BOUTIQUE_TRUSTED_PROXIES": "127.0.0.1,nginx"], "BOUTIQUE_TRUSTED_PROXIES invalide : « nginx »"),
        (["BOUTIQUE_TRUSTED_PROXIES": "10.0.0.0/33"], "BOUTIQUE_TRUSTED_PROXIES invalide : « 10.0.0.0/33 »"),
        (["BOUTIQUE_DEMO": "0"], "Identité du vendeur requise hors démonstration"),
        (["BOUTIQUE_DEMO": "0", "BOUTIQUE_SELLER_NAME": "Boutique SAS", "BOUTIQUE_SELLER_LEGAL_FORM": "SAS",
          "BOUTIQUE_SELLER_ADDRESS": "1 rue de la Paix|75002 Paris", "BOUTIQUE_SELLER_SIREN": "123456789",
          "BOUTIQUE_SELLER_SIRET": "12345678900017", "BOUTIQUE_SELLER_RCS": "RCS Paris 123 456 789",
          "BOUTIQUE_SELLER_CAPITAL_CENTS": "100000", "BOUTIQUE_SELLER_VAT": "FR12123456789",
          "BOUTIQUE_SELLER_IBAN": "FR7630006000011234567890189", "BOUTIQUE_SELLER_BIC": "AGRIFRPP"], "BOUTIQUE_OPERATOR_EMAIL requis"),
        (ServeCommandTests.production.merging(["BOUTIQUE_OPERATOR_2FA": "parfois"]) { $1 }, "BOUTIQUE_OPERATOR_2FA invalide"),
        // The account CSEs pay their dotations to: a typo in the IBAN or the BIC stops the start.
        (ServeCommandTests.production.merging(["BOUTIQUE_SELLER_IBAN": "FR7630006000011234567890188"]) { $1 },
         "BOUTIQUE_SELLER_IBAN : L'IBAN « FR7630006000011234567890188 » n'est pas valide"),
        (ServeCommandTests.production.merging(["BOUTIQUE_SELLER_BIC": "12RIFRPP"]) { $1 }, "BOUTIQUE_SELLER_BIC :"),
        (ServeCommandTests.production.filter { $0.key != "BOUTIQUE_SELLER_IBAN" }, "manque BOUTIQUE_SELLER_IBAN"),
        // Outside the demo the payments must be real, or the sandbox chosen on purpose with a secret of its own.
        (ServeCommandTests.production, "BOUTIQUE_PAYMENT_PROVIDER requis hors démonstration"),
        (ServeCommandTests.production.merging(["BOUTIQUE_PAYMENT_PROVIDER": "sandbox"]) { $1 }, "BOUTIQUE_PSP_SECRET requis hors démonstration"),
        (ServeCommandTests.production.merging(["BOUTIQUE_PAYMENT_PROVIDER": "sandbox", "BOUTIQUE_PSP_SECRET": "sandbox-demo-secret"]) { $1 },
         "BOUTIQUE_PSP_SECRET requis hors démonstration"),
    ])
    func badConfiguration(environment: [String: String], expected: String) async throws {
        // setup
        let folder = try TemporaryFolder()
        var environment = environment
        environment["BOUTIQUE_DATA_DIR"] = environment["BOUTIQUE_DATA_DIR"] ?? folder.path
        // act
        let process = try BoutiqueProcess.start(["serve"], environment: environment)
        let status = try await process.wait(timeout: 60)
        // check
        #expect(status != 0)
        let lines = process.standardError.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(process.standardError)")
        #expect(lines.first?.hasPrefix("boutique: ") == true)
        #expect(process.standardError.contains(expected), "stderr: \(process.standardError)")
        #expect(!process.standardError.contains("motdepasse"))
    }

    /// Everything `serve` needs outside the demo but the payment provider.
    static let production: [String: String] = [
        "BOUTIQUE_DEMO": "0", "BOUTIQUE_SELLER_NAME": "Boutique SAS", "BOUTIQUE_SELLER_LEGAL_FORM": "SAS",
        "BOUTIQUE_SELLER_ADDRESS": "1 rue de la Paix|75002 Paris", "BOUTIQUE_SELLER_SIREN": "123456789",
        "BOUTIQUE_SELLER_SIRET": "12345678900017", "BOUTIQUE_SELLER_RCS": "RCS Paris 123 456 789",
        "BOUTIQUE_SELLER_CAPITAL_CENTS": "100000", "BOUTIQUE_SELLER_VAT": "FR12123456789",
        "BOUTIQUE_SELLER_IBAN": "FR7630006000011234567890189", "BOUTIQUE_SELLER_BIC": "AGRIFRPP", "BOUTIQUE_OPERATOR_EMAIL": "operateur@boutique.test",
        "BOUTIQUE_CARD_KEY": Data(repeating: 3, count: 32).base64EncodedString(),
    ]

    @Test("the sandbox chosen outside the demo with its own secret: every page says « Paiements de test », and it sends browsers back to the shop only")
    func testPaymentsOutsideDemo() async throws {
        // setup
        let folder = try TemporaryFolder()
        let port = try FreePort.pick()
        var environment = Self.production.merging(["BOUTIQUE_PAYMENT_PROVIDER": "sandbox", "BOUTIQUE_PSP_SECRET": "un-secret-de-recette-0123456789",
                                                   "BOUTIQUE_DATA_DIR": folder.path, "BOUTIQUE_BCRYPT_COST": "4",
                                                   "BOUTIQUE_LOG_LEVEL": "error"]) { $1 }
        environment["BOUTIQUE_PUBLIC_URL"] = "http://127.0.0.1:\(port)"
        let process = try BoutiqueProcess.start(["serve", "--port", "\(port)"], environment: environment)
        defer { process.kill() }
        let base = "http://127.0.0.1:\(port)"
        // act
        let login = try await HTTP.waitForPage("\(base)/connexion", timeout: 60)
        func create(returnURL: String) async throws -> String {
            let body = #"{"amount":1000,"currency":"EUR","orderReference":"CMD-1","beneficiary":"Boutique","returnURL":"\#(returnURL)","# +
                #""cancelURL":"\#(base)/paiement/annule","notificationURL":"\#(base)/paiement/notification/sandbox"}"#
            return try await Curl.output(of: ["curl", "-s", "-m", "10", "-o", "/dev/null", "-w", "%{http_code}",
                                              "-u", "boutique-demo:un-secret-de-recette-0123456789", "-H", "Content-Type: application/json",
                                              "-d", body, "\(base)/_sandbox/psp/v1/web-payments"])
        }
        let elsewhere = try await create(returnURL: "https://evil.test/merci")
        let lookalike = try await create(returnURL: "http://127.0.0.1:\(port)@evil.test/paiement/retour")
        let shop = try await create(returnURL: "\(base)/paiement/retour?commande=1")
        // check
        #expect(login.contains("Paiements de test") && !login.contains("Boutique de démonstration"))
        #expect(elsewhere == "400" && lookalike == "400", "\(elsewhere) \(lookalike)")
        #expect(shop == "201")
    }

    @Test("a port already taken is one clear line")
    func portInUse() async throws {
        // setup
        let folder = try TemporaryFolder()
        let listener = try FreePort.listen()
        defer { listener.close() }
        // act
        let process = try BoutiqueProcess.start(["serve", "--port", "\(listener.port)"], environment: [
            "BOUTIQUE_DATA_DIR": folder.path, "BOUTIQUE_BCRYPT_COST": "4", "BOUTIQUE_LOG_LEVEL": "error",
        ])
        let status = try await process.wait(timeout: 60)
        // check
        #expect(status != 0)
        #expect(process.standardError.contains("déjà utilisé"), "stderr: \(process.standardError)")
        #expect(process.standardError.split(separator: "\n").count == 1)
    }

    @Test("migrate and demo-seed work on their own")
    func subcommands() async throws {
        // setup
        let folder = try TemporaryFolder()
        let environment = ["BOUTIQUE_DATA_DIR": folder.path, "BOUTIQUE_BCRYPT_COST": "4", "BOUTIQUE_LOG_LEVEL": "error"]
        // act
        let migrate = try BoutiqueProcess.start(["migrate"], environment: environment)
        let migrateStatus = try await migrate.wait(timeout: 60)
        let seed = try BoutiqueProcess.start(["demo-seed"], environment: environment)
        let seedStatus = try await seed.wait(timeout: 60)
        let again = try BoutiqueProcess.start(["demo-seed"], environment: environment)
        let againStatus = try await again.wait(timeout: 60)
        // check
        #expect(migrateStatus == 0 && seedStatus == 0 && againStatus == 0)
        #expect(migrate.standardOutput.contains("Migrations appliquées"))
        #expect(seed.standardOutput.contains("Données de démonstration chargées."))
        #expect(again.standardOutput.contains("rien n'a été chargé"))
    }
}
