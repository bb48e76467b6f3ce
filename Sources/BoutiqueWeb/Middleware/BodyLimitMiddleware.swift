import Hummingbird

/// Gives each request its body limit (`BodyLimits`) in `context.maxUploadSize`, which every
/// reader of a body passes to `collectBody(upTo:)` (the CSRF check, the forms, the uploads): a
/// body is read up to the limit and no further, then 413 with the French error page. A declared
/// `Content-Length` over the limit is refused before a byte is read.
///
/// The POS API keeps its own, smaller limit and its problem documents (`POSBodyMiddleware`).
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !request.uri.path.hasPrefix("/api/") else { return try await next(request, context) }
        var context = context
        context.maxUploadSize = BodyLimits.limit(method: request.method, path: request.uri.path)
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > context.maxUploadSize {
            throw HTTPError(.contentTooLarge)
        }
        return try await next(request, context)
    }
}
