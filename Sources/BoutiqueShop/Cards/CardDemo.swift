import BoutiqueCore
import BoutiqueStore
import Foundation

/// The demo's POS client and a few cards, so that the POS API can be tried at once.
public enum CardDemo {
    public static let clientName = "Caisse démo"
    public static let storeCodes = (1...5).map { "DEMO-000\($0)" }

    /// Adds the "Caisse démo" client (stores DEMO-0001…DEMO-0005) with the key derived from the
    /// card secret, and three cards for marie.dupont@demo.test, unless the client already exists.
    /// - Returns: the demo POS key (the same at every start for the same card secret).
    @discardableResult
    public static func seed(_ database: BoutiqueDatabase, secrets: CardSecrets, prefix: CardIssuerPrefix) async throws -> String {
        let key = secrets.demoPOSKey
        guard try await database.tables.posClients.client(named: clientName) == nil else { return key }
        _ = try await POSClients(database: database).create(actor: .commandLine, name: clientName, storeCodes: storeCodes, key: key)
        if let marie = try await database.tables.users.byEmail(acrossTenants: "marie.dupont@demo.test"),
           let tenantID = marie.tenantID {
            let issuer = CardIssuer(database: database, secrets: secrets, prefix: prefix)
            for cents in [2_000, 5_000, 10_000] {
                try await issuer.issue(CardIssueRequest(tenantID: tenantID, ownerID: marie.id, count: 1,
                                                        faceValue: Money(cents: cents),
                                                        usageConditions: "Valable dans tous les magasins de l'enseigne.",
                                                        excludedCategories: ["Alcool"]))
            }
        }
        return key
    }

    /// The start-up banner's line in demo mode.
    public static func bannerLine(key: String) -> String {
        "Clé d'API de caisse (POS) de démonstration : \(key)"
    }
}
