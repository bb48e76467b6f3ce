import BoutiqueCore
import AsyncHTTPClient
import BoutiquePayments
import BoutiqueStore
import BoutiqueTestSupport
import Foundation
import Logging
@testable import PSPSandbox

/// A running sandbox (real HTTP, real database), a notification receiver, the shop's client and a
/// browser: what each sandbox test drives.
struct SandboxFixture: Sendable {
    static let merchantID = "boutique-test"
    static let secret = "s3cret-test"

    let sandbox: PaymentSandbox
    let provider: SandboxPaymentProvider
    let browser: TestBrowser
    let receiver: NotificationReceiver
    let baseURL: String
    let receiverURL: String

    /// Timings short enough for tests, long enough to tell "before" from "after".
    static func configuration(notificationDelay: Duration = .milliseconds(300), paymentLifetime: Duration = .seconds(3_600)) -> SandboxConfiguration {
        SandboxConfiguration(merchantID: merchantID, secret: secret, pathPrefix: "/_sandbox/psp",
                             notificationDelay: notificationDelay, paymentLifetime: paymentLifetime,
                             initialRetryDelay: .milliseconds(200), maximumRetryDelay: .seconds(1),
                             pollInterval: .milliseconds(50), notificationTimeout: .seconds(5))
    }

    /// Runs `body` against a sandbox on a fresh database of `engine`.
    static func run<T: Sendable>(_ engine: TestEngine = .sqlite, configuration: SandboxConfiguration = SandboxFixture.configuration(),
                                 receiverFailures: Int = 0, logger: Logger = SandboxFixture.logger,
                                 _ body: @Sendable (SandboxFixture) async throws -> T) async throws -> T {
        let receiver = NotificationReceiver(failures: receiverFailures)
        return try await LiveServer.run(receiver.router) { receiverPort in
            try await engine.withDatabase(migrated: false) { database in
                try await run(database: database, configuration: configuration, receiver: receiver,
                              receiverURL: "http://127.0.0.1:\(receiverPort)/notify", logger: logger, body)
            }
        }
    }

    /// The sandbox's own log lines (failed notifications…) are expected in these tests: only
    /// critical ones are shown.
    static let logger: Logger = {
        var logger = Logger(label: "boutique.tests.psp-sandbox")
        logger.logLevel = .critical
        return logger
    }()

    static func run<T: Sendable>(database: BoutiqueDatabase, configuration: SandboxConfiguration, receiver: NotificationReceiver,
                                 receiverURL: String, logger: Logger = SandboxFixture.logger,
                                 _ body: @Sendable (SandboxFixture) async throws -> T) async throws -> T {
        let sandbox = try await PaymentSandbox.open(database: database, configuration: configuration, logger: logger)
        return try await LiveServer.run(sandbox.makeRouter(), services: [sandbox.makeNotifier()]) { port in
            let client = TestBrowser.makeClient()
            let origin = "http://127.0.0.1:\(port)"
            let fixture = SandboxFixture(
                sandbox: sandbox,
                provider: SandboxPaymentProvider(baseURL: origin + configuration.pathPrefix, merchantID: merchantID, secret: secret),
                browser: TestBrowser(client: client, origin: origin), receiver: receiver,
                baseURL: origin + configuration.pathPrefix, receiverURL: receiverURL)
            do {
                let result = try await body(fixture)
                try await client.shutdown()
                return result
            } catch {
                try? await client.shutdown()
                throw error
            }
        }
    }

    /// The shop's request for order CMD-000326, 47,50 €.
    func request(amount: Int = 4_750, orderReference: String = "CMD-000326") -> PaymentRequest {
        PaymentRequest(amount: amount, orderReference: orderReference, beneficiary: "CSE Alpha — Boutique e-Cartes",
                       customerEmail: "marie.dupont@demo.test",
                       returnURL: "http://shop.test/paiement/retour?commande=326",
                       cancelURL: "http://shop.test/paiement/annulation",
                       notificationURL: receiverURL)
    }

    /// Pays `creation` on the hosted page with `card`; returns the page after the card form.
    func payWithCard(_ creation: PaymentCreation, card: String) async throws -> TestBrowser.Page {
        let page = try await browser.get(creation.redirectURL)
        guard let form = page.form(actionSuffix: "/pay/\(creation.reference)") else { throw FixtureError("pas de formulaire de carte") }
        return try await browser.submit(form, ["card_type": card.hasPrefix("5") ? "MasterCard" : "VISA", "card_number": card,
                                               "expiry": Self.futureExpiry, "cvv": "123"])
    }

    /// Next year's December, `12/AA`.
    static var futureExpiry: String {
        let year = Calendar(identifier: .gregorian).component(.year, from: Date()) + 1
        return "12/\(String(year).suffix(2))"
    }

    /// The return URL the browser is sent to for `token`.
    static func returnURL(_ token: String) -> String {
        "http://shop.test/paiement/retour?commande=326&token=\(token)"
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

enum Cards {
    static let frictionless = "4970100000000006"
    static let frictionlessMasterCard = "5130100000000000"
    static let challenge = "4970100000000014"
    static let insufficientFunds = "4970100000000022"
    static let expired = "4970100000000030"
    static let authenticationFailure = "4970100000000048"
}
