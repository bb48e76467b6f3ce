import BoutiqueCore
import BoutiqueShop
import Hummingbird

/// Who is asking, for the handlers. Which role may reach a page is not theirs to check: the
/// console's route group does (`RequireRole`).
enum AuthGuard {
    /// The logged-in user, or a redirect to the login page.
    static func user(_ context: AppRequestContext) throws -> UserRecord {
        guard let user = context.user else { throw LoginRequired() }
        return user
    }

    /// The acting user for the use cases (named in the audit log with the request's address).
    static func actor(_ context: AppRequestContext) throws -> AccountActor {
        try user(context).actor(from: context.remoteAddress)
    }
}

/// Thrown by a page that needs a login: answered with a redirect to `/connexion`.
struct LoginRequired: HTTPResponseError {
    var status: HTTPResponse.Status { .seeOther }
    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: .seeOther, headers: [.location: SiteURL.login.path])
    }
}
