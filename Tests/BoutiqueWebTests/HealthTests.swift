import BoutiqueCore
import BoutiqueTestSupport
import BoutiqueWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Health, readiness, metrics")
struct HealthTests {
    @Test("liveness and readiness answer while the database does", arguments: TestEngine.available)
    func healthy(engine: TestEngine) async throws {
        try await withShop(engine) { client, _ in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text == "ok\n")
            }
            try await client.execute(uri: "/ready", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("readiness fails with 503 once the database is gone", arguments: [TestEngine.sqlite])
    func notReady(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            await database.close()
            // act
            try await client.execute(uri: "/ready", method: .get) { response in
                // check
                #expect(response.status == .serviceUnavailable)
            }
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("metrics are Prometheus text for the bearer of BOUTIQUE_METRICS_TOKEN only", arguments: [TestEngine.sqlite])
    func metrics(engine: TestEngine) async throws {
        var configuration = WebConfiguration.test
        configuration.metricsToken = "jeton-de-prometheus-0123456789"
        try await withShop(engine, configuration: configuration) { client, _ in
            try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer jeton-de-prometheus-0123456789"]) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                #expect(response.text.contains("# TYPE boutique_start_time_seconds gauge"))
            }
            for headers: HTTPFields in [[:], [.authorization: "Bearer autre-jeton-0123456789-abcdef"], [.authorization: "jeton-de-prometheus-0123456789"]] {
                try await client.execute(uri: "/metrics", method: .get, headers: headers) { response in
                    #expect(response.status == .unauthorized && !response.text.contains("boutique_start_time"))
                }
            }
        }
        // Without a token the metrics are not served at all.
        try await withShop(engine) { client, _ in
            try await client.execute(uri: "/metrics", method: .get) { response in #expect(response.status == .notFound) }
        }
    }
}
