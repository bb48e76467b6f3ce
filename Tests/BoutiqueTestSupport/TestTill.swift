import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import Foundation

/// A retailer's till in a test: spends cards through the POS API's own use case (the group
/// commit, its guards and the ledger), as a real till does, not through a shortcut of the tests.
public struct TestTill: Sendable {
    public static let storeCode = "TILL-1"
    public let redemptions: CardRedemptions
    public let client: POSClientIdentity

    /// A new POS client with one store and a key, over `database`.
    public static func open(_ database: BoutiqueDatabase, secrets: CardSecrets) async throws -> TestTill {
        let clients = POSClients(database: database)
        let created = try await clients.create(actor: .commandLine, name: "Caisse de test", storeCodes: [storeCode])
        guard let client = try await clients.authenticate(keyHash: POSKeys.hash(created.key)) else {
            throw ConfigurationError("la clé de la caisse de test n'est pas reconnue")
        }
        return TestTill(redemptions: CardRedemptions(database: database, secrets: secrets, guesses: CardGuessGuard(database: database)),
                        client: client)
    }

    /// Spends `cents` of the card; each call is a new payment unless `key` repeats one.
    public func spend(number: CardNumber, pin: CardPIN, cents: Int64,
                      key: String = UUID().uuidString) async throws -> Result<RedemptionResult, CardRefusal> {
        try await redemptions.redeem(RedemptionRequest(cardNumber: number.digits, pin: pin.digits, amount: cents, currency: "EUR",
                                                       storeCode: Self.storeCode), idempotencyKey: key, client: client)
    }
}
