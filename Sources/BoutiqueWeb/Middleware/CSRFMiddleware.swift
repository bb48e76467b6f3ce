import BoutiqueShop
import Hummingbird

/// CSRF protection for every state-changing request: the form must send back, in `_csrf`, the
/// random token of the `boutique_csrf` cookie (double submit; the cookie is HttpOnly and
/// SameSite=Lax, so another site can neither read it nor make the browser send it on a POST).
/// Missing or wrong → 403 and the handler never runs.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let cookies: SessionCookies
    /// Paths with their own authentication (the POS API's bearer keys, provider notifications).
    let exemptPrefixes: [String]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // Exempt paths (API clients, providers) neither need a token nor get the cookie.
        if exemptPrefixes.contains(where: { request.uri.path.hasPrefix($0) }) { return try await next(request, context) }
        var context = context
        var request = request
        let existing = request.cookies[SessionCookies.csrf]?.value ?? ""
        let token = existing.count >= 32 ? existing : SecureToken.generate()
        context.csrfToken = token
        if ![.get, .head, .options].contains(request.method) {
            let sent = try await Self.formToken(&request, context: context)
            guard !existing.isEmpty, let sent, SecureToken.constantTimeEquals(sent, existing) else { throw CSRFFailure() }
        }
        var response = try await next(request, context)
        if existing != token { response.setCookie(cookies.csrf(token)) }
        return response
    }

    /// Reads `_csrf` from a URL-encoded or multipart form body; the body stays readable for the handler.
    static func formToken(_ request: inout Request, context: Context) async throws -> String? {
        if let boundary = MultipartForm.boundary(of: request.headers[.contentType]) {
            let body = try await request.collectBody(upTo: context.maxFileUploadSize)
            return MultipartForm(body: body, boundary: boundary)?.field("_csrf")?.text
        }
        guard request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true else { return nil }
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        let text = String(buffer: body)
        for pair in text.split(separator: "&") where pair.hasPrefix("_csrf=") {
            return String(pair.dropFirst("_csrf=".count)).removingPercentEncoding
        }
        return nil
    }
}

/// A state-changing request without the right CSRF token.
struct CSRFFailure: HTTPResponseError {
    var status: HTTPResponse.Status { .forbidden }
    func response(from request: Request, context: some RequestContext) throws -> Response { Response(status: status) }
}
