import BoutiqueCore
import Foundation
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

/// Thrown by a page that needs a login: answered with a redirect to `/connexion`, which leads
/// back to the page asked for (a product, the till view of a card) once logged in. Forms and the
/// consoles go to the login page alone: a form's data is gone, a console has its own home.
struct LoginRequired: HTTPResponseError {
    var status: HTTPResponse.Status { .seeOther }
    func response(from request: Request, context: some RequestContext) throws -> Response {
        guard request.method == .get, let back = ReturnPath(request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")),
              !back.value.hasPrefix("/admin"), !back.value.hasPrefix("/gestion") else {
            return Response(status: .seeOther, headers: [.location: SiteURL.login.path])
        }
        var query = URLComponents()
        query.queryItems = [URLQueryItem(name: "retour", value: back.value)]
        return Response(status: .seeOther, headers: [.location: SiteURL.login.path + "?" + (query.percentEncodedQuery ?? "")])
    }
}

/// A page of this shop to go back to after logging in: a path on this origin only (`/…`, never
/// `//host` or `/\host`, which browsers read as another site), so the login cannot be turned
/// into a redirect elsewhere.
struct ReturnPath: Equatable {
    let value: String

    init?(_ text: String?) {
        guard let text, text.count <= 512, text.hasPrefix("/"), !text.hasPrefix("//"), !text.hasPrefix("/\\"),
              text.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && $0 != "\\" }),
              !text.hasPrefix(SiteURL.login.path) else { return nil }
        value = text
    }
}
