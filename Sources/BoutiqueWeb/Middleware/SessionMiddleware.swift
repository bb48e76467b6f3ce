import BoutiqueShop
import Hummingbird

/// Loads the session named by the `boutique_session` cookie, and its user when the account is
/// still active. An unknown or expired session is ignored (the visitor is anonymous).
struct SessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let sessions: Sessions

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let token = request.cookies[SessionCookies.session]?.value, !token.isEmpty, token.count <= 100 {
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
struct SessionCookies: Sendable {
    static let session = "boutique_session"
    static let csrf = "boutique_csrf"
    let secure: Bool

    func session(_ token: String) -> Cookie {
        Cookie(name: Self.session, value: token, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    func csrf(_ token: String) -> Cookie {
        Cookie(name: Self.csrf, value: token, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    func expired(_ name: String) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}
