import BoutiqueShop
import Hummingbird
import Prometheus

/// Liveness, readiness and metrics for load balancers and Prometheus.
struct HealthController {
    let shop: ShopServices
    let registry: PrometheusCollectorRegistry
    /// `/metrics` answers only this bearer token; nil: not served (404). The figures (requests,
    /// jobs, timings) help an attacker time an attack and are nobody else's business.
    let metricsToken: String?

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/health") { _, _ in Self.plain("ok\n") }
        router.get("/ready", use: ready)
        router.get("/metrics", use: metrics)
    }

    /// Ready means the database answers and takes writes (not a standby during a failover); a load
    /// balancer stops sending traffic otherwise.
    @Sendable func ready(_ request: Request, context: AppRequestContext) async -> Response {
        do {
            try await shop.ping()
            return Self.plain("ready\n")
        } catch {
            context.logger.warning("Base de données injoignable", metadata: ["error": "\(error)"])
            var response = Self.plain("database unreachable or read-only\n")
            response.status = .serviceUnavailable
            return response
        }
    }

    @Sendable func metrics(_ request: Request, context: AppRequestContext) throws -> Response {
        guard let metricsToken else { throw HTTPError(.notFound) }
        let sent = request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil } ?? ""
        guard SecureToken.constantTimeEquals(sent, metricsToken) else {
            return Response(status: .unauthorized, headers: [.wwwAuthenticate: "Bearer", .cacheControl: "no-store"])
        }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(4_096)
        registry.emit(into: &buffer)
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
    }

    static func plain(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
