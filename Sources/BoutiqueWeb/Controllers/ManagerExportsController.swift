import BoutiqueShop
import Foundation
import Hummingbird

/// `/gestion/exports`: the manager's CSV files (employees, orders, dotations, cards with masked
/// numbers), always of their own CSE. Each download is audited: these files hold personal data.
struct ManagerExportsController {
    let exports: ManagerExports
    let renderer: PageRenderer

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/gestion/exports", use: page)
        router.get("/gestion/exports/:file", use: download)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> HTML {
        _ = try AuthGuard.user(context)
        return HTML(body: renderer.render("manager-exports", title: "Exports", context: context, content: [String: String]()))
    }

    @Sendable func download(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        guard let file = ManagerExports.File(rawValue: context.parameters.get("file") ?? "") else { throw HTTPError(.notFound) }
        guard let text = try await exports.export(actor: actor, file) else { throw HTTPError(.forbidden) }
        return .csv(text, filename: file.rawValue)
    }
}

extension Response {
    /// A CSV download, never cached by a shared cache.
    static func csv(_ text: String, filename: String) -> Response {
        Response(status: .ok, headers: [
            .contentType: "text/csv; charset=utf-8",
            .contentDisposition: ContentDisposition.attachment(filename: filename),
            .cacheControl: "private, no-store",
        ], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
