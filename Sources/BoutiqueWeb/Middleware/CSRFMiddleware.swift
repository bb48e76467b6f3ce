import BoutiqueShop
import Hummingbird

/// CSRF protection for every state-changing request: the form must send back, in `_csrf`, the
/// token of the `boutique_csrf` cookie (HttpOnly, SameSite=Lax, `__Host-` over HTTPS), and that
/// token must have been issued by the shop for the current session (`FormTokens`: a nonce and its
/// HMAC with the session). Missing, wrong, forged or another session's → 403 and the handler never
/// runs. When the handler starts or ends a session (login, logout), a token bound to the new one
/// replaces the cookie in the same response.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let cookies: SessionCookies
    let tokens: FormTokens
    /// Paths with their own authentication (the POS API's bearer keys, provider notifications).
    let exemptPrefixes: [String]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // Exempt paths (API clients, providers) neither need a token nor get the cookie.
        if exemptPrefixes.contains(where: { request.uri.path.hasPrefix($0) }) { return try await next(request, context) }
        var context = context
        var request = request
        let existing = request.cookies[cookies.csrfName]?.value ?? ""
        let valid = tokens.isValid(existing, session: context.sessionIDHash)
        let token = valid ? existing : tokens.issue(session: context.sessionIDHash)
        context.csrfToken = token
        if ![.get, .head, .options].contains(request.method) {
            let sent = try await Self.formToken(&request, context: context)
            guard valid, let sent, SecureToken.constantTimeEquals(sent, existing) else { throw CSRFFailure() }
        }
        var response = try await next(request, context)
        if let session = sessionChange(in: response) {
            response.setCookie(cookies.csrf(tokens.issue(session: session)))
        } else if !valid {
            response.setCookie(cookies.csrf(token))
        }
        return response
    }

    /// The session a response starts (its cookie's hash) or ends (`.some(nil)`); nil when it
    /// leaves the session as it was.
    func sessionChange(in response: Response) -> String?? {
        let prefix = cookies.sessionName + "="
        guard let header = response.headers[values: .setCookie].last(where: { $0.hasPrefix(prefix) }) else { return nil }
        let value = header.dropFirst(prefix.count).prefix { $0 != ";" }
        return value.isEmpty || header.contains("Max-Age=0") ? .some(nil) : .some(SecureToken.hash(String(value)))
    }

    /// Reads `_csrf` from a URL-encoded or multipart form body, up to the route's limit
    /// (`BodyLimits`: a multipart body on a route without a file field gets the forms' 1 MB too);
    /// the body stays readable for the handler.
    static func formToken(_ request: inout Request, context: Context) async throws -> String? {
        if let boundary = MultipartForm.boundary(of: request.headers[.contentType]) {
            let body = try await request.collectBody(upTo: context.maxUploadSize)
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
