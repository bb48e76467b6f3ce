import BoutiqueCore
import BoutiqueShop
import Hummingbird

/// Who may reach a console: the group's routes answer a visitor with the login page and a
/// logged-in user of another role with 403. A manager must belong to a CSE (their scope).
/// Handlers then only ask who the user is (`AuthGuard.user`/`actor`); the roles live in the
/// route table (`Application+build.swift`), one group per console.
struct RequireRole: RouterMiddleware {
    typealias Context = AppRequestContext
    let roles: Set<UserRole>

    init(_ roles: Set<UserRole>) { self.roles = roles }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let user = context.user else { throw LoginRequired() }
        guard roles.contains(user.role), user.role != .manager || user.tenantID != nil else { throw HTTPError(.forbidden) }
        return try await next(request, context)
    }
}
