import BoutiqueShop
import BoutiqueCore
import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Authenticates `Authorization: Bearer <key>` and applies the per-key rate limit.
///
/// Known keys are cached for 5 s so that the hot path does not query `pos_keys` on every request:
/// a key the operator revokes stops working within 5 s on every instance, and the cost is one
/// query (and one "last used" write) per key every 5 s.
struct POSAuthMiddleware: ServerMiddleware {
    let clients: POSClients
    let limiter: TokenBucket
    let cache = POSKeyCache(ttl: .seconds(5))

    func intercept(_ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
                   next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)) async throws -> (HTTPResponse, HTTPBody?) {
        guard let key = Self.bearer(request.headerFields[.authorization]) else { return POSProblem.raw(.unauthorized) }
        guard let client = try await identity(keyHash: POSKeys.hash(key)) else { return POSProblem.raw(.unauthorized) }
        if let wait = limiter.take(client.keyID) { return POSProblem.raw(.rateLimited, retryAfter: wait) }
        return try await POSRequestScope.$client.withValue(client) {
            try await next(request, body, metadata)
        }
    }

    private func identity(keyHash: Data) async throws -> POSClientIdentity? {
        if let cached = cache.cached(keyHash) { return cached }
        guard let found = try await clients.authenticate(keyHash: keyHash) else { return nil }
        cache.store(found, for: keyHash)
        return found
    }

    /// The key of `Bearer <key>` (scheme case-insensitive, spaces around the key ignored).
    ///
    /// Byte by byte: on every request of the hot path, `split` + `lowercased()` +
    /// `trimmingCharacters` (an NSString round trip) cost 2 % of a redemption.
    static func bearer(_ header: String?) -> String? {
        guard let header else { return nil }
        let utf8 = header.utf8
        guard utf8.count <= 512, utf8.count > 7,
              utf8.prefix(6).elementsEqual("bearer".utf8, by: { ($0 | 0x20) == $1 }) else { return nil }
        let isSpace: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        let afterScheme = utf8.index(utf8.startIndex, offsetBy: 6)
        guard isSpace(utf8[afterScheme]),
              let start = utf8[afterScheme...].firstIndex(where: { !isSpace($0) }),
              let last = utf8[start...].lastIndex(where: { !isSpace($0) }) else { return nil }
        return String(utf8[start...last])
    }
}
