import HTTPTypes
import Hummingbird

/// Headers that keep browsers from framing, sniffing or leaking the shop's pages.
///
/// The CSP allows nothing inline: pages use only files served by the shop itself.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    let strictTransportSecurity: Bool

    static var contentSecurityPolicy: String {
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
            + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        Self.apply(to: &response.headers, hsts: strictTransportSecurity)
        return response
    }

    static func apply(to headers: inout HTTPFields, hsts: Bool) {
        // A route may set a stricter or different policy for its own document (the mailbox's frame).
        if headers[.contentSecurityPolicy] == nil { headers[.contentSecurityPolicy] = contentSecurityPolicy }
        if headers[.xFrameOptions] == nil { headers[.xFrameOptions] = "DENY" }
        headers[.xContentTypeOptions] = "nosniff"
        headers[.referrerPolicy] = "same-origin"
        headers[.crossOriginOpenerPolicy] = "same-origin"
        headers[.permissionsPolicy] = "camera=(), microphone=(), geolocation=(self), payment=()"
        if hsts { headers[.strictTransportSecurity] = "max-age=31536000; includeSubDomains" }
    }
}

/// Header names HTTPTypes does not predefine. The initialiser only fails for a name with
/// characters a header cannot have; these literals are valid, and every page test uses them.
extension HTTPField.Name {
    static let sandboxSignature = Self("Sandbox-Signature")!
    static let stripeSignature = Self("Stripe-Signature")!
    static let referrerPolicy = Self("Referrer-Policy")!
    static let xFrameOptions = Self("X-Frame-Options")!
    static let permissionsPolicy = Self("Permissions-Policy")!
    static let crossOriginOpenerPolicy = Self("Cross-Origin-Opener-Policy")!
    static let requestID = Self("X-Request-Id")!
    static let clearSiteData = Self("Clear-Site-Data")!
    static let serviceWorkerAllowed = Self("Service-Worker-Allowed")!
}
