import Foundation
import Hummingbird
import Logging

/// The one place requests are logged: method and address, with every secret a URL can carry
/// taken out — query values (`?jeton=…` of password-reset, e-mail verification and payment
/// links) except a few harmless ones, and path segments that look like tokens. Card numbers
/// never travel in URLs; session cookies and headers are not logged.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let level: Logger.Level

    init(_ level: Logger.Level) { self.level = level }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        context.logger.log(level: level, "Request", metadata: [
            "hb.request.path": .string(Self.redacted(path: request.uri.path, query: request.uri.query)),
            "hb.request.method": .string(request.method.rawValue),
        ])
        return try await next(request, context)
    }

    /// Query keys whose values say nothing secret and help reading the log: notices, pages,
    /// sorting and the consoles' filters. Every other value is replaced by `***`.
    static let shownQueryKeys: Set<String> = ["ok", "page", "tri", "statut", "du", "au", "cse", "erreur"]

    static func redacted(path: String, query: String?) -> String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).map { isTokenLike($0) ? "***" : String($0) }
        var text = segments.joined(separator: "/")
        if let query, !query.isEmpty {
            let pairs = query.split(separator: "&").map { pair -> String in
                let parts = pair.split(separator: "=", maxSplits: 1)
                let key = String(parts[0])
                guard parts.count == 2 else { return key }
                return shownQueryKeys.contains(key) ? "\(key)=\(parts[1])" : "\(key)=***"
            }
            text += "?" + pairs.joined(separator: "&")
        }
        return text
    }

    /// A long run of base64url characters with a capital letter: a token (43 random characters),
    /// not an id (a lower-case UUID) nor a slug (lower case, as the shop makes them).
    static func isTokenLike(_ segment: Substring) -> Bool {
        segment.count >= 20 && UUID(uuidString: String(segment)) == nil && segment.contains(where: \.isUppercase)
            && segment.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
