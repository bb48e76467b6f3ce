import BoutiqueCore
import BoutiqueShop
import Hummingbird

/// The role checks of the pages. A visitor is sent to the login page; a logged-in user without
/// the role gets 403.
enum AuthGuard {
    /// The logged-in user, or a redirect to the login page.
    static func user(_ context: AppRequestContext) throws -> UserRecord {
        guard let user = context.user else { throw LoginRequired() }
        return user
    }

    static func role(_ context: AppRequestContext, _ roles: Set<UserRole>) throws -> UserRecord {
        let user = try user(context)
        guard roles.contains(user.role) else { throw HTTPError(.forbidden) }
        return user
    }

    /// The acting user for the use cases (named in the audit log with the request's address).
    static func actor(_ context: AppRequestContext, _ roles: Set<UserRole>) throws -> AccountActor {
        try role(context, roles).actor(from: context.remoteAddress)
    }

    static func actor(_ context: AppRequestContext) throws -> AccountActor {
        try user(context).actor(from: context.remoteAddress)
    }
}

/// Thrown by a page that needs a login: answered with a redirect to `/connexion`.
struct LoginRequired: HTTPResponseError {
    var status: HTTPResponse.Status { .seeOther }
    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: .seeOther, headers: [.location: "/connexion"])
    }
}
