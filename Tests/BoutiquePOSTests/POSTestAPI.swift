import BoutiqueCore
import BoutiquePOS
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import BoutiqueWeb
import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Prometheus
import Testing

/// The shop's router with the POS routes, a POS client with store `S1`, and a card issuer.
struct POSTestAPI: Sendable {
    static let secrets: CardSecrets = {
        do { return try CardSecrets(secret: Data(repeating: 9, count: 32)) } catch { preconditionFailure("test key") }
    }()
    static let prefix: CardIssuerPrefix = {
        do { return try CardIssuerPrefix("5032") } catch { preconditionFailure("test prefix") }
    }()

    let client: any TestClientProtocol
    let database: BoutiqueDatabase
    let key: String
    let tenantID: UUID

    /// Runs `body` against the POS API over a fresh database of `engine`.
    static func with(
        _ engine: TestEngine, options: POSOptions = POSOptions(requestsPerSecond: 100_000, burst: 100_000),
        logger: Logger? = nil,
        _ body: @escaping @Sendable (POSTestAPI) async throws -> Void
    ) async throws {
        try await engine.withDatabase { database in
            try await run(database: database, options: options, logger: logger, body)
        }
    }

    static func run(database: BoutiqueDatabase, options: POSOptions, logger: Logger?,
                    _ body: @escaping @Sendable (POSTestAPI) async throws -> Void) async throws {
        // setup shared by every test: a tenant, a POS client with one store, the router.
        let tenant = Tenant(slug: "alpha", name: "CSE Alpha", contactEmail: "cse@alpha.test")
        try await tenant.create(on: database.db)
        let created = try await POSClients(database: database).create(actor: .commandLine, name: "Enseigne test", storeCodes: ["S1"])
        // The pages without the card key (so without the POS API), then the API with this test's
        // options and logger.
        let configuration = WebConfiguration(isDemo: true, bcryptCost: 4)
        let router = try await buildRouter(configuration: configuration, shop: try await ShopServices(database: database, settings: configuration.shop),
                                           registry: PrometheusCollectorRegistry())
        var quiet = Logger(label: "boutique.test")
        quiet.logLevel = .warning
        var withCards = configuration.shop
        withCards.cardSecrets = secrets
        try addPOSRoutes(to: router, shop: try await ShopServices(database: database, settings: withCards), options: options,
                         logger: logger ?? quiet)
        let app = Application(router: router, logger: logger ?? quiet)
        try await app.test(.router) { client in
            try await body(POSTestAPI(client: client, database: database, key: created.key, tenantID: try tenant.requireID()))
        }
    }

    func issue(cents: Int, count: Int = 1, excluded: [String] = [], purchasedOn: CalendarDate? = nil) async throws -> [IssuedCard] {
        try await CardIssuer(database: database, secrets: Self.secrets, prefix: Self.prefix).issue(
            CardIssueRequest(tenantID: tenantID, count: count, faceValue: Money(cents: cents), excludedCategories: excluded,
                             purchasedOn: purchasedOn))
    }

    func post(_ path: String, json: String, idempotencyKey: String? = nil, key: String?? = .none) async throws -> POSAnswer {
        var headers: HTTPFields = [.contentType: "application/json"]
        let bearer = key ?? self.key
        if let bearer { headers[.authorization] = "Bearer \(bearer)" }
        if let idempotencyKey { headers[HTTPField.Name("Idempotency-Key")!] = idempotencyKey }
        return try await client.execute(uri: "/api/pos/v1" + path, method: .post, headers: headers, body: ByteBuffer(string: json)) {
            POSAnswer(status: $0.status.code, body: String(buffer: $0.body), headers: $0.headers)
        }
    }

    func redeem(_ card: IssuedCard, cents: Int64, key: String = UUID().uuidString, store: String = "S1", currency: String = "EUR",
                pin: String? = nil, category: String? = nil) async throws -> POSAnswer {
        var fields = ["\"cardNumber\":\"\(card.number.digits)\"", "\"amount\":\(cents)", "\"currency\":\"\(currency)\"",
                      "\"storeCode\":\"\(store)\""]
        if let pin { fields.append("\"pin\":\"\(pin)\"") }
        if let category { fields.append("\"category\":\"\(category)\"") }
        return try await post("/redemptions", json: "{\(fields.joined(separator: ","))}", idempotencyKey: key)
    }

    func reverse(_ redemptionID: String, key: String = UUID().uuidString) async throws -> POSAnswer {
        try await post("/redemptions/\(redemptionID)/reversal", json: "", idempotencyKey: key)
    }

    func lookup(_ number: String) async throws -> POSAnswer {
        try await post("/card-lookups", json: "{\"cardNumber\":\"\(number)\"}")
    }

    func balance(_ card: IssuedCard) async throws -> Int64 {
        try #require(try await CardLedger.card(id: card.id, on: database.sql)).balanceCents
    }

    func expectBalanced(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        #expect(try await CardLedger.unbalancedCards(on: database.sql).isEmpty, sourceLocation: sourceLocation)
    }
}

/// A response, decoded enough for the checks.
struct POSAnswer: Sendable, Equatable {
    let status: Int
    let body: String
    let headers: HTTPFields

    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]) ?? [:]
    }

    /// The problem code: the last segment of `type`.
    var problem: String? {
        (json["type"] as? String)?.split(separator: "/").last.map(String.init)
    }

    var redemptionID: String? { json["redemptionId"] as? String }
    var isProblemJSON: Bool { headers[.contentType]?.hasPrefix("application/problem+json") == true }

    static func == (lhs: POSAnswer, rhs: POSAnswer) -> Bool { lhs.status == rhs.status && lhs.body == rhs.body }
}
