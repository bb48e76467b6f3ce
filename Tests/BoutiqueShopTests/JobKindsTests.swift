import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import Foundation
import SQLKit
import Testing

@Suite("Job kinds")
struct JobKindsTests {
    static func worker() throws -> ShopServices.WorkerSettings {
        ShopServices.WorkerSettings(cardPrefix: try CardIssuerPrefix("5032"))
    }

    /// The shop's services with the card key and no payment provider.
    static func shopWithoutProvider(_ database: BoutiqueDatabase) async throws -> ShopServices {
        var settings = ShopSettings(bcryptCost: 4)
        settings.cardSecrets = try CardSecrets(secret: Data(repeating: 3, count: 32))
        return try await ShopServices(database: database, settings: settings)
    }

    @Test("the workers' registry has a handler for every job kind, with or without a payment provider", arguments: [TestEngine.sqlite])
    func everyKindHandled(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup: the shop as `serve` builds it, without a provider (as a fresh deployment may be)
            let shop = try await Self.shopWithoutProvider(database)
            // act
            let kinds = try shop.jobRegistry(Self.worker()).kinds
            // check
            #expect(kinds == ShopJobKind.allCases.map(\.rawValue).sorted())
        }
    }

    @Test("without a payment provider, a payment job ends dead at once with the reason, instead of waiting", arguments: [TestEngine.sqlite])
    func paymentJobWithoutProvider(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let shop = try await Self.shopWithoutProvider(database)
            let queue = JobQueue(database: database)
            _ = try await queue.enqueue(NewJob(kind: ShopJobKind.checkPayment.rawValue, payload: #"{"provider":"x","reference":"r"}"#))
            let worker = JobWorker(queue: queue, registry: try shop.jobRegistry(Self.worker()),
                                   options: .init(retry: RetryPolicy(base: .milliseconds(1), jitter: 0)), logger: JobWorkerTests.logger)
            // act
            _ = try await worker.drain()
            // check
            let dead = try await queue.list(states: [.dead], limit: 10)
            #expect(dead.count == 1 && dead.first?.lastError?.contains("Aucun prestataire de paiement") == true)
        }
    }
}
