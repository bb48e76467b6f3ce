import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import Foundation
import SQLKit
import Testing

@Suite("Job kinds")
struct JobKindsTests {
    @Test("the workers' registry has a handler for every job kind, with or without a payment provider", arguments: [TestEngine.sqlite])
    func everyKindHandled(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup: the shop as `serve` builds it, without a provider (as a fresh deployment may be)
            var settings = ShopSettings(bcryptCost: 4)
            settings.cardSecrets = try CardSecrets(secret: Data(repeating: 3, count: 32))
            let shop = try await ShopServices(database: database, settings: settings)
            let worker = ShopServices.WorkerSettings(cardPrefix: try CardIssuerPrefix("5032"))
            // act
            let kinds = try shop.jobRegistry(worker).kinds
            // check
            #expect(kinds == ShopJobKind.allCases.map(\.rawValue).sorted())
        }
    }

    @Test("without a payment provider, a payment job ends dead at once with the reason, instead of waiting", arguments: [TestEngine.sqlite])
    func paymentJobWithoutProvider(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            var settings = ShopSettings(bcryptCost: 4)
            settings.cardSecrets = try CardSecrets(secret: Data(repeating: 3, count: 32))
            let shop = try await ShopServices(database: database, settings: settings)
            let queue = JobQueue(database: database)
            _ = try await queue.enqueue(NewJob(kind: ShopJobKind.checkPayment.rawValue, payload: #"{"provider":"x","reference":"r"}"#))
            let worker = JobWorker(queue: queue, registry: try shop.jobRegistry(.init(cardPrefix: try CardIssuerPrefix("5032"))),
                                   options: .init(retry: RetryPolicy(base: .milliseconds(1), jitter: 0)), logger: JobWorkerTests.logger)
            // act
            _ = try await worker.drain()
            // check
            let dead = try await queue.list(states: [.dead], limit: 10)
            #expect(dead.count == 1 && dead.first?.lastError?.contains("Aucun prestataire de paiement") == true)
        }
    }
}
