import BoutiqueShop
import Hummingbird

/// Loads the session named by the `boutique_session` cookie, and its user when the account is
/// still active. An unknown or expired session is ignored (the visitor is anonymous).
struct SessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let sessions: Sessions
    let cookies: SessionCookies

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let token = request.cookies[cookies.sessionName]?.value, !token.isEmpty, token.count <= 100 {
            let idHash = SecureToken.hash(token)
            if let user = try await sessions.user(idHash: idHash) {
                context.user = user
                context.sessionIDHash = idHash
            }
        }
        return try await next(request, context)
    }
}

/// The shop's cookies: HttpOnly, SameSite=Lax, Secure when served over HTTPS.
///
/// Over HTTPS their names carry the `__Host-` prefix: the browser then accepts them only from the
/// shop itself, Secure, for the whole site and without a Domain, so a sibling sub-domain cannot
/// plant a session or a form token (over plain HTTP, the demo, browsers refuse the prefix).
struct SessionCookies: Sendable {
    let secure: Bool

    var sessionName: String { secure ? "__Host-boutique_session" : "boutique_session" }
    var csrfName: String { secure ? "__Host-boutique_csrf" : "boutique_csrf" }

    func session(_ token: String) -> Cookie {
        Cookie(name: sessionName, value: token, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    func csrf(_ token: String) -> Cookie {
        Cookie(name: csrfName, value: token, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    func expired(_ name: String) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}
