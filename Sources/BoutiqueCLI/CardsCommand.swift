import ArgumentParser
import BoutiqueCore
import BoutiqueShop
import Foundation
import Logging

/// `boutique cards …`: card administration.
struct CardsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cards", abstract: "Administration des e-Cartes.", subcommands: [Issue.self, Expire.self])

    /// `boutique cards issue`: issues cards in bulk and writes their numbers and PINs to a CSV
    /// readable by its owner only.
    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Émet des e-Cartes en masse et écrit numéros et PIN dans un fichier CSV (mode 0600).")

        @Option(help: "Identifiant court du CSE (ex. alpha).") var tenant: String
        @Option(help: "Nombre de cartes (1 à 10 000).") var count: Int
        @Option(help: "Valeur faciale de chaque carte, en centimes.") var amount: Int
        @Option(help: "Évènement (ex. « Noël 2026 »).") var event: String = CardIssueRequest.resaleEvent
        @Option(help: "Fichier CSV à créer (refusé s'il existe).") var output: String
        @Option(help: "Durée de validité en mois.") var validityMonths: Int = 12
        @Option(help: "Conditions d'utilisation.") var conditions: String = ""
        @Option(help: "Rayons exclus, séparés par des virgules.") var excluded: String = ""
        @Option(help: "Ligne de commande (UUID) : l'émission devient idempotente pour cette ligne.") var orderLine: String?
        @Option(help: "Cartes par transaction.") var batchSize: Int = 100
        @Option(help: "Pause entre deux lots, en millisecondes (ménage la base pendant une grosse émission).") var batchPauseMs: Int = 0

        func run() async throws {
            let settings: Settings
            do { settings = try Settings.load() } catch { throw Startup.fail(error) }
            Startup.bootstrapLogging(level: settings.logLevel)
            let shopSettings: ShopSettings
            do { shopSettings = try settings.shop(cards: true) } catch { throw Startup.fail(error) }
            let issued = try await Startup.withShop(settings, shop: shopSettings, label: "boutique.cards") { shop in
                try await issue(shop, prefix: settings.cardPrefix)
            }
            print("\(issued) cartes écrites dans \(output).")
        }

        private func issue(_ shop: ShopServices, prefix: CardIssuerPrefix) async throws -> Int {
            guard !FileManager.default.fileExists(atPath: output) else {
                throw ConfigurationError("Le fichier \(output) existe déjà : choisissez un autre nom.")
            }
            guard let tenantRow = try await shop.tenants.find(slug: tenant) else {
                throw ConfigurationError("CSE inconnu : « \(tenant) ».")
            }
            var lineID: UUID?
            if let orderLine {
                guard let id = UUID(uuidString: orderLine) else { throw ConfigurationError("--order-line n'est pas un UUID.") }
                lineID = id
            }
            let request = CardIssueRequest(
                tenantID: tenantRow.id, orderLineID: lineID, count: count, faceValue: Money(cents: amount),
                event: event, usageConditions: conditions,
                excludedCategories: excluded.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
                validity: try CardValidity(months: validityMonths))
            let cards = try await shop.cardIssuer(prefix: prefix, batchSize: batchSize,
                                                  batchPause: .milliseconds(max(0, min(batchPauseMs, 10_000)))).issue(request)
            try CardsCSV.write(cards, to: output)
            return cards.count
        }
    }

    /// `boutique cards expire`: runs the expiry job's work now.
    struct Expire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Expire maintenant les cartes arrivées à échéance.")

        func run() async throws {
            let settings: Settings
            do { settings = try Settings.load() } catch { throw Startup.fail(error) }
            Startup.bootstrapLogging(level: settings.logLevel)
            let count = try await Startup.withShop(settings, label: "boutique.cards", migrate: false) { shop in try await shop.expireCards() }
            print("\(count) cartes expirées.")
        }
    }
}

/// The bulk export: one card a line, created 0600 before anything is written.
enum CardsCSV {
    static func write(_ cards: [IssuedCard], to path: String) throws {
        var text = "number,pin,amount_cents,amount,last_day\n"
        for card in cards {
            text += "\(card.number.digits),\(card.pin.digits),\(card.faceValue.cents),\(card.faceValue.decimal),\(card.lastDay.iso)\n"
        }
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw ConfigurationError("Impossible d'écrire le fichier \(path).")
        }
    }
}
