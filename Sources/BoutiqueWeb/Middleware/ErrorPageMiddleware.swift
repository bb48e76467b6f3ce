import HTTPTypes
import Hummingbird
import Logging

/// Turns errors into French pages (or `application/problem+json` for API paths), and never shows
/// internals: an unexpected error is logged with the request id and answered with a plain 500.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let renderer: PageRenderer
    let strictTransportSecurity: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError where error.status.code < 400 {
            // Redirects raised as errors (a page that needs a login) answer for themselves.
            response = try error.response(from: request, context: context)
        } catch is CSRFFailure {
            response = errorResponse(status: .forbidden, request: request, context: context,
                                     message: "La page a expiré ou le formulaire n'est pas valide : rechargez la page puis recommencez.")
        } catch let error as any HTTPResponseError {
            response = errorResponse(status: error.status, request: request, context: context)
        } catch {
            context.logger.error("Erreur inattendue", metadata: ["error": "\(String(reflecting: error))"])
            response = errorResponse(status: .internalServerError, request: request, context: context)
        }
        response.headers[.requestID] = context.id
        return response
    }

    private func errorResponse(status: HTTPResponse.Status, request: Request, context: Context, message: String? = nil) -> Response {
        let page = ErrorPage(status: status, requestID: context.id, message: message)
        var response: Response
        if request.uri.path.hasPrefix("/api/") {
            response = page.problemResponse()
        } else {
            let html = renderer.render("error", title: page.title, content: page)
            response = Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: html)))
        }
        // Error responses are built after inner middleware gave up, so they get the headers here too.
        SecurityHeadersMiddleware<Context>.apply(to: &response.headers, hsts: strictTransportSecurity)
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
