import Hummingbird
import HTTPTypes

/// Sets `AppRequestContext.remoteAddress` to the client's address before anything reads it (the
/// audit log, the login and contact throttles): the peer, or what a trusted proxy forwarded.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let proxies: TrustedProxies

    static let forwardedFor = HTTPField.Name("X-Forwarded-For")

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let name = Self.forwardedFor, request.headers[name] != nil else { return try await next(request, context) }
        var context = context
        context.remoteAddress = proxies.client(peer: context.peerAddress, forwardedFor: request.headers[values: name])
        return try await next(request, context)
    }
}
