import BoutiqueCore
import AsyncHTTPClient
import BoutiquePayments
import BoutiqueStore
import Foundation
import Hummingbird
import Logging

/// The sandbox payment provider: a web payment API in Monext/Payline's manner (merchant API,
/// hosted card page with 3-D Secure, token-only notifications, refunds), over its own tables.
///
/// Standalone (`boutique psp-sandbox`) it serves `makeRouter()`; inside the shop for the demo, the
/// shop calls `addRoutes(to:)` on its own router with a `pathPrefix` and adds `makeNotifier()` to
/// its services.
public struct PaymentSandbox: Sendable {
    public let configuration: SandboxConfiguration
    let store: SandboxStore
    let httpClient: HTTPClient
    let logger: Logger

    init(configuration: SandboxConfiguration, store: SandboxStore, httpClient: HTTPClient, logger: Logger) {
        self.configuration = configuration
        self.store = store
        self.httpClient = httpClient
        self.logger = logger
    }

    /// Creates the sandbox's tables in `database` if needed (`psp_*`; the shop's own database
    /// works too, its migrations never touch them). The caller owns and closes the database.
    public static func open(database: BoutiqueDatabase, configuration: SandboxConfiguration,
                            httpClient: HTTPClient = .shared, logger: Logger = Logger(label: "boutique.psp-sandbox")) async throws -> PaymentSandbox {
        let store = SandboxStore(database: database)
        try await store.createTables()
        return PaymentSandbox(configuration: configuration, store: store, httpClient: httpClient, logger: logger)
    }

    /// Serves the sandbox alone on `host:port` over its own database at `location` (opened here,
    /// closed when the service stops), until SIGINT or SIGTERM; `ready` runs once the tables exist.
    public static func runStandalone(location: DatabaseLocation, configuration: SandboxConfiguration, host: String, port: Int,
                                     logger: Logger, ready: () -> Void) async throws {
        let database = try await BoutiqueDatabase.open(location, logger: logger)
        do {
            let sandbox = try await open(database: database, configuration: configuration, logger: logger)
            ready()
            try await sandbox.runStandalone(host: host, port: port)
            await database.close()
        } catch {
            await database.close()
            throw error
        }
    }

    /// Adds the merchant API (`{prefix}/v1/…`), the hosted page (`{prefix}/pay/…`), its style
    /// sheet and `{prefix}/health` to `router`.
    ///
    /// Inside the shop, exempt `{prefix}/` from the shop's CSRF middleware: the merchant API is
    /// authenticated by HTTP Basic and the hosted page's forms carry their own per-payment value.
    public func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        SandboxMerchantAPI(sandbox: self).addRoutes(to: router)
        SandboxHostedPage(sandbox: self).addRoutes(to: router)
        let prefix = configuration.pathPrefix
        router.get(RouterPath("\(prefix)/assets/sandbox.css")) { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: SandboxStyleSheet.css)))
        }
        router.get(RouterPath("\(prefix)/health")) { _, _ in "ok" }
    }

    /// A router with only the sandbox, for the standalone service.
    public func makeRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.addMiddleware { LogRequestsMiddleware(.info) }
        addRoutes(to: router)
        return router
    }

    /// Serves the sandbox alone on `host:port` with its notifier, until SIGINT or SIGTERM.
    public func runStandalone(host: String, port: Int) async throws {
        let app = Application(router: makeRouter(), configuration: .init(address: .hostname(host, port: port), serverName: nil),
                              services: [makeNotifier()], logger: logger)
        try await app.runService()
    }

    /// The background service that delivers due notifications and expires abandoned payments.
    public func makeNotifier() -> SandboxNotifier {
        SandboxNotifier(sandbox: self)
    }

    // MARK: Clock

    var nowMilliseconds: Int64 { configuration.now().epochMilliseconds }

    func schedule(from time: Int64) -> (notifyAt: Int64, giveUpAt: Int64) {
        (time + configuration.notificationDelay.milliseconds, time + configuration.notificationDeadline.milliseconds)
    }

    /// The payment as it stands now: one whose time ran out is expired first, so that the API
    /// tells the truth even when the background service is not running.
    func currentPayment(_ token: String) async throws -> SandboxPayment? {
        guard let payment = try await store.payment(token) else { return nil }
        let time = nowMilliseconds
        guard payment.status == .pending, payment.expiresAt <= time else { return payment }
        let (notifyAt, giveUpAt) = schedule(from: time)
        let expired = try await store.expireDue(now: time, notifyAt: notifyAt, giveUpAt: giveUpAt, token: token)
        if !expired.isEmpty { logger.info("Paiement \(token) expiré sans résultat") }
        return try await store.payment(token)
    }

    /// Records a final outcome and schedules its notification.
    @discardableResult
    func finish(_ token: String, outcome: PaymentOutcome, card: TypedCard?) async throws -> Bool {
        let time = nowMilliseconds
        let (notifyAt, giveUpAt) = schedule(from: time)
        let changed = try await store.finish(token, outcome: outcome, card: card, at: time, notifyAt: notifyAt, giveUpAt: giveUpAt)
        if changed {
            let cardText = card.map { " carte \($0.brand) …\($0.last4)," } ?? ""
            logger.info("Paiement \(token) :\(cardText) \(outcome.status.rawValue) (\(outcome.resultCode))")
        }
        return changed
    }

    /// The hosted page's address for a payment.
    func redirectURL(token: String, request: Request) -> String {
        let base = configuration.publicBaseURL ?? "http://\(request.head.authority ?? "127.0.0.1")"
        return "\(base)\(configuration.pathPrefix)/pay/\(token)"
    }
}
