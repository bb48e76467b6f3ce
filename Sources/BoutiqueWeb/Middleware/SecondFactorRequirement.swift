import BoutiqueShop
import Hummingbird

/// A staff account that must have a second factor (`SecondFactorPolicy`) and has none yet may
/// only set it up: every other page of a logged-in session answers with the way to
/// « Sécurité du compte ». Checked once here, after the session is loaded, so that no page of any
/// console can forget it.
struct SecondFactorRequirement: RouterMiddleware {
    typealias Context = AppRequestContext
    let policy: SecondFactorPolicy

    /// What such a session may still reach: the set-up itself, logging out, and what does not
    /// depend on the session.
    static let allowedPrefixes = ["/compte/securite", "/deconnexion", "/static/", "/api/", "/paiement/notification/", "/_sandbox/",
                                  "/health", "/metrics"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let user = context.user, policy.mustSetUp(user),
              !Self.allowedPrefixes.contains(where: request.uri.path.hasPrefix) else {
            return try await next(request, context)
        }
        return Response(status: .seeOther, headers: [.location: SiteURL.security.path + "?requis=1"])
    }
}
