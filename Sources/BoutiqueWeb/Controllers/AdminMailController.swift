import BoutiqueShop
import Foundation
import Hummingbird

/// « Renvoyer » an e-mail kept in the mailbox, from the message's page or an order's page.
struct AdminMailController {
    let mailbox: Mailbox

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.post("/admin/courriels/:id/renvoyer", use: resend)
    }

    struct Form: Decodable {
        /// The page to go back to.
        var retour: String?
    }

    @Sendable func resend(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        guard let id = context.parameters.get("id", as: Int64.self) else { throw HTTPError(.notFound) }
        let form = try await FormBody.decode(Form.self, from: request, context: context)
        guard try await mailbox.resend(actor: actor, id: id) != nil else { throw HTTPError(.notFound) }
        return .seeOther(Self.back(form.retour, id: id) + "?ok=renvoye")
    }

    /// Only our own pages: a forged `retour` must not turn this into an open redirect.
    static func back(_ path: String?, id: Int64) -> String {
        guard let path, path.hasPrefix("/admin/commandes/"),
              path.dropFirst("/admin/commandes/".count).allSatisfy({ $0.isHexDigit || $0 == "-" }) else { return "/_dev/mailbox/\(id)" }
        return path
    }
}
