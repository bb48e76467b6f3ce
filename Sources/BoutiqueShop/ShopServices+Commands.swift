import BoutiqueCore
import BoutiqueMail
import BoutiqueStore
import Foundation

/// What the command line does that no page does: demo data, bulk card issuance, the expiry run
/// on demand, a test e-mail, the job queue's diagnostic.
extension ShopServices {
    /// Loads the demo CSEs, accounts and products (and, with `stores`, the demo stores) into an
    /// empty database. - Returns: false when the database already had CSEs (nothing is loaded).
    public func seedDemoIfEmpty(stores: Bool = true) async throws -> Bool {
        let loaded = try await DemoData.seedIfEmpty(database, hasher: PasswordHasher(cost: settings.bcryptCost))
        if stores { try await DemoStores.seedIfEmpty(database) }
        return loaded
    }

    /// The demo's POS client and cards. - Returns: the demo POS key, for the start-up banner.
    public func seedDemoCards(prefix: CardIssuerPrefix) async throws -> String {
        try await CardDemo.seed(database, secrets: try requireCardSecrets(), prefix: prefix)
    }

    /// An issuer of cards in bulk (`boutique cards issue`).
    public func cardIssuer(prefix: CardIssuerPrefix, batchSize: Int = 100, batchPause: Duration = .zero) throws -> CardIssuer {
        CardIssuer(database: database, secrets: try requireCardSecrets(), prefix: prefix, batchSize: batchSize, batchPause: batchPause)
    }

    /// Expires now the cards past their last day. - Returns: how many.
    public func expireCards() async throws -> Int { try await CardExpiry(database: database).run() }

    /// Queues a test e-mail through the outbox (the workers send it). - Returns: the job's number.
    public func queueTestMail(to address: String) async throws -> Int64? {
        let message = try composer.compose("test", to: MailAddress(address), subject: "Message de test de \(settings.shopName)",
                                           data: [String: String]())
        return try await Outbox.enqueue(message, in: database.tables)
    }
}
