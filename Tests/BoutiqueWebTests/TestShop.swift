import BoutiqueCore
import BoutiqueShop
import Foundation
import BoutiqueStore
import BoutiqueTestSupport
import BoutiqueWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Prometheus

/// Builds the shop over a fresh database of `engine` loaded with the demo data, and hands its
/// router-level test client to `body`.
func withShop(
    _ engine: TestEngine,
    configuration: WebConfiguration = .test,
    extraRoutes: @Sendable (Router<AppRequestContext>) -> Void = { _ in },
    logger: Logger? = nil,
    replica: ReadReplica? = nil,
    _ body: @escaping @Sendable (any TestClientProtocol, BoutiqueDatabase) async throws -> Void
) async throws {
    try await engine.withDatabase { database in
        try await DemoData.seedIfEmpty(database, hasher: PasswordHasher(cost: 4))
        let shop = try await ShopServices(database: database, settings: configuration.shop, replica: replica)
        let router = try await buildRouter(configuration: configuration, shop: shop,
                                           registry: PrometheusCollectorRegistry())
        extraRoutes(router)
        var quiet = Logger(label: "boutique.test")
        quiet.logLevel = .warning
        let app = Application(router: router, logger: logger ?? quiet)
        try await app.test(.router) { client in try await body(client, database) }
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}

extension WebConfiguration {
    /// The demo configuration with a cheap bcrypt and a fixed card key.
    static var test: WebConfiguration {
        var configuration = WebConfiguration(isDemo: true, bcryptCost: 4)
        configuration.shop.cardSecrets = testCardSecrets
        return configuration
    }
}

let testCardSecrets: CardSecrets? = try? CardSecrets(secret: Data(repeating: 7, count: 32))
