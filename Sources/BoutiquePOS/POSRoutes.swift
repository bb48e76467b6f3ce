import BoutiqueShop
import Foundation
import Hummingbird
import Logging
import OpenAPIHummingbird
import OpenAPIRuntime

/// Mounts the POS API under `/api/pos/v1`: the three operations of `openapi.yaml` (generated
/// server code), the document itself at `/api/pos/v1/openapi.yaml` and a reference page at
/// `/api/pos/v1/docs`.
///
/// The routes sit beside the shop's; the shop's CSRF middleware exempts `/api/`.
public func addPOSRoutes<Context: RequestContext>(
    to router: Router<Context>,
    shop: ShopServices,
    options: POSOptions = POSOptions(),
    logger: Logger = Logger(label: "boutique.pos"),
    now: @escaping @Sendable () -> Date = { Date() }
) throws {
    // Without the card key there is no card to look up: the API is not served.
    guard let redemptions = shop.cardRedemptions(guessLimit: options.guessLimit, guessWindow: options.guessWindow, now: now) else {
        return
    }
    let handler = POSHandler(redemptions: redemptions)
    let middlewares: [any ServerMiddleware] = [
        POSErrorMiddleware(logger: logger),
        POSBodyMiddleware(limit: options.maxBodyBytes),
        POSAuthMiddleware(clients: shop.posClients, limiter: TokenBucket(ratePerSecond: options.requestsPerSecond, burst: options.burst)),
    ]
    try handler.registerHandlers(on: router, serverURL: Servers.Server1.url(), configuration: POSRouteConfiguration.openAPI,
                                 middlewares: middlewares)
    let document = try POSDocument.load()
    router.get("/api/pos/v1/openapi.yaml") { _, _ in
        Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8", .cacheControl: "public, max-age=300"],
                 body: .init(byteBuffer: ByteBuffer(string: document)))
    }
    router.get("/api/pos/v1/docs") { _, _ in
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "public, max-age=300"],
                 body: .init(byteBuffer: ByteBuffer(string: POSDocument.referencePage)))
    }
}

/// The generated server's settings, shared by the API and its benchmark ceiling (`POSCeiling`).
enum POSRouteConfiguration {
    /// Compact, stable JSON: tills parse it, nobody reads it by eye.
    static let openAPI = Configuration(dateTranscoder: POSDateTranscoder(), jsonEncodingOptions: [.sortedKeys, .withoutEscapingSlashes])
}
