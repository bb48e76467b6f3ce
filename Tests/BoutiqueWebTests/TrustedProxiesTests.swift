import BoutiqueCore
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

@Suite("Client address behind a reverse proxy")
struct TrustedProxiesTests {
    /// The shop served on a real socket (the peer is a loopback address), with the demo data.
    static func withLiveShop(_ engine: TestEngine, proxies: TrustedProxies,
                             _ body: @escaping @Sendable (any TestClientProtocol, BoutiqueDatabase) async throws -> Void) async throws {
        try await engine.withDatabase { database in
            try await DemoData.seedIfEmpty(database, hasher: PasswordHasher(cost: 4))
            var configuration = WebConfiguration.test
            configuration.trustedProxies = proxies
            let router = try await buildRouter(configuration: configuration, shop: try await ShopServices(database: database, settings: configuration.shop),
                                               registry: PrometheusCollectorRegistry())
            var logger = Logger(label: "boutique.test")
            logger.logLevel = .warning
            try await Application(router: router, logger: logger).test(.live) { client in try await body(client, database) }
        }
    }

    static func forwarded(_ value: String) -> HTTPFields {
        var headers = HTTPFields()
        if let name = HTTPField.Name("X-Forwarded-For") { headers[name] = value }
        return headers
    }

    /// Two failed logins (for two accounts, so only the per-address limit counts), each from a
    /// browser that sends `forwardedFor(attempt)`; then the rest of the limit straight into the
    /// throttle under the key the logins used (the window is a minute, and the whole suite on two
    /// cores makes 20 logins slower than that).
    /// - Returns: the per-address keys the logins counted under, with their counts.
    static func failLogins(_ client: any TestClientProtocol, database: BoutiqueDatabase,
                           forwardedFor: (Int) -> String) async throws -> [String: Int] {
        for attempt in 0..<2 {
            let refused = try await TestBrowser(client, headers: forwarded(forwardedFor(attempt)))
                .logIn("inconnu\(attempt)@exemple.test", password: "mauvais mot de passe")
            #expect(refused.status == .unprocessableContent)
        }
        var counts: [String: Int] = [:]
        for row in try await database.sql.raw("SELECT key, count FROM throttles WHERE key LIKE 'login:ip:%' AND count > 0").all() {
            counts[try row.decode(column: "key", as: String.self)] = try row.decode(column: "count", as: Int.self)
        }
        for key in counts.keys {
            for _ in 2..<Accounts.addressBackoff.free {
                #expect(try await Throttle(database: database).reserve(key, backoff: Accounts.addressBackoff) == nil)
            }
        }
        return counts
    }

    @Test("the client is the right-most forwarded address that is not a trusted proxy, and only a trusted peer is believed")
    func rules() throws {
        // setup
        let proxies = try TrustedProxies(parsing: "127.0.0.1, ::1, 10.0.0.0/8, fd00::/8")
        // act and check
        #expect(proxies.client(peer: "203.0.113.9", forwardedFor: ["198.51.100.1"]) == "203.0.113.9")
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: ["198.51.100.1"]) == "198.51.100.1")
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: ["6.6.6.6, 198.51.100.1"]) == "198.51.100.1")
        #expect(proxies.client(peer: "::ffff:127.0.0.1", forwardedFor: ["6.6.6.6", "198.51.100.1, 10.1.2.3"]) == "198.51.100.1")
        #expect(proxies.client(peer: "fd00::5", forwardedFor: ["2001:db8::1"]) == "2001:db8::1")
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: ["10.0.0.2, 10.0.0.1"]) == "10.0.0.2")
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: ["inconnu, 10.0.0.1"]) == "10.0.0.1")
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: []) == "127.0.0.1")
        #expect(proxies.client(peer: "local", forwardedFor: ["198.51.100.1"]) == "local")
        #expect(TrustedProxies.loopback.client(peer: "::1", forwardedFor: ["198.51.100.1"]) == "198.51.100.1")
        #expect(TrustedProxies.none.client(peer: "127.0.0.1", forwardedFor: ["198.51.100.1"]) == "127.0.0.1")
        #expect(try TrustedProxies(parsing: "") == .none)
        #expect(try TrustedProxies(parsing: "127.0.0.1,::1") == .loopback)
        for bad in ["nginx", "10.0.0.0/33", "::1/129", "10.0.0.1/", "1.2.3", "10.0.0.0/-1"] {
            #expect(throws: InvalidProxyEntry.self, "\(bad)") { try TrustedProxies(parsing: "127.0.0.1,\(bad)") }
        }
    }

    @Test("a forged X-Forwarded-For from a peer that is not a trusted proxy changes neither the audit log nor the login throttle",
          arguments: TestEngine.available)
    func untrustedPeer(engine: TestEngine) async throws {
        try await Self.withLiveShop(engine, proxies: try TrustedProxies(parsing: "10.9.9.9")) { client, database in
            // setup
            let operatorBrowser = TestBrowser(client, headers: Self.forwarded("203.0.113.7"))
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            // act
            _ = try await operatorBrowser.post("/admin/cse", ["name": "CSE Gamma", "slug": "gamma", "contactEmail": "cse@gamma.test"])
            let counted = try await Self.failLogins(client, database: database) { attempt in "198.51.100.\(attempt)" }
            let next = try await TestBrowser(client, headers: Self.forwarded("198.51.100.200")).logIn("marie.dupont@demo.test")
            // check
            let entry = try #require(try await AuditEntry.query(on: database.db).filter(\.$action == AuditAction.tenantCreated.rawValue).first())
            #expect(["127.0.0.1", "::1"].contains(entry.address), "\(entry.address)")
            #expect(counted == ["login:ip:\(entry.address)": 2])
            #expect(next.status == .tooManyRequests && next.text.contains("Trop de tentatives de connexion"))
        }
    }

    @Test("through a trusted proxy the audit log records the real client, and one client's failed logins lock out only that client",
          arguments: TestEngine.available)
    func trustedProxy(engine: TestEngine) async throws {
        try await Self.withLiveShop(engine, proxies: .loopback) { client, database in
            // setup: nginx appends the address it sees to what the client sent
            let operatorBrowser = TestBrowser(client, headers: Self.forwarded("6.6.6.6, 203.0.113.7"))
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            // act
            _ = try await operatorBrowser.post("/admin/cse", ["name": "CSE Gamma", "slug": "gamma", "contactEmail": "cse@gamma.test"])
            let counted = try await Self.failLogins(client, database: database) { attempt in "192.0.2.\(attempt), 198.51.100.66" }
            let attacker = try await TestBrowser(client, headers: Self.forwarded("198.51.100.66")).logIn("marie.dupont@demo.test")
            let colleague = try await TestBrowser(client, headers: Self.forwarded("198.51.100.8")).logIn("marie.dupont@demo.test")
            // check
            let entry = try #require(try await AuditEntry.query(on: database.db).filter(\.$action == AuditAction.tenantCreated.rawValue).first())
            #expect(entry.address == "203.0.113.7")
            #expect(counted == ["login:ip:198.51.100.66": 2])
            #expect(attacker.status == .tooManyRequests)
            #expect(colleague.status == .seeOther && colleague.headers[.location] == "/cse/alpha")
            let journal = try await operatorBrowser.get("/admin/journal")
            #expect(journal.text.contains("203.0.113.7"))
        }
    }
}
