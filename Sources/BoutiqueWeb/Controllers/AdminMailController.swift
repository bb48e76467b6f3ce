import BoutiqueShop
import Foundation
import Hummingbird

/// « Renvoyer » an e-mail kept in the mailbox, from the message's page or an order's page.
struct AdminMailController {
    let mailbox: Mailbox
    let audit: Audit

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/admin/courriels/:id/renvoyer", use: resend)
    }

    struct Form: Decodable {
        /// The page to go back to.
        var retour: String?
    }

    @Sendable func resend(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try AuthGuard.role(context, [.operator])
        guard let id = context.parameters.get("id", as: Int64.self) else { throw HTTPError(.notFound) }
        let form = try await FormBody.decode(Form.self, from: request, context: context)
        guard let message = try await mailbox.resend(id: id) else { throw HTTPError(.notFound) }
        await audit.record(context, action: "E-mail renvoyé", target: String(id), tenantID: nil,
                           details: "\(message.subject) → \(message.to.map(\.email).joined(separator: ", "))")
        return .seeOther(Self.back(form.retour, id: id) + "?ok=renvoye")
    }

    /// Only our own pages: a forged `retour` must not turn this into an open redirect.
    static func back(_ path: String?, id: Int64) -> String {
        guard let path, path.hasPrefix("/admin/commandes/"),
              path.dropFirst("/admin/commandes/".count).allSatisfy({ $0.isHexDigit || $0 == "-" }) else { return "/_dev/mailbox/\(id)" }
        return path
    }
}
