import BoutiqueCore
import BoutiqueShop
import Foundation
import Hummingbird

/// `/admin/dotations`: the operator sees every CSE's dotations, records a transfer (the cards are
/// then issued, on the activation day if one was chosen) or cancels an unpaid one.
struct AdminDotationsController {
    let dotations: Dotations
    let invoices: DotationInvoices
    let renderer: PageRenderer

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/admin/dotations", use: list)
        router.get("/admin/dotations/:id", use: detail)
        router.get("/admin/dotations/:id/facture", use: invoice)
        router.post("/admin/dotations/:id/payee", use: markPaid)
        router.get("/admin/dotations/:id/annuler", use: confirmCancel)
        router.post("/admin/dotations/:id/annuler", use: cancel)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let actor = try AuthGuard.actor(context)
        let rows = try await dotations.list(actor: actor).map { DotationRow($0, base: SiteURL.adminDotations.path) }
        return HTML(body: renderer.render("dotations", title: "Dotations", context: context,
                                          content: DotationListView(rows: rows, isEmpty: rows.isEmpty, isManager: false, csrf: context.csrfToken)))
    }

    @Sendable func detail(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let actor = try AuthGuard.actor(context)
        guard let id = context.parameters.get("id", as: UUID.self), let dotation = try await dotations.find(actor: actor, id: id) else {
            throw HTTPError(.notFound)
        }
        let notice = request.uri.queryParameters.get("ok").flatMap {
            ["payee": "Le paiement est enregistré : les e-Cartes vont être émises.", "annulee": "La dotation est annulée."][$0]
        }
        return HTML(body: renderer.render("dotation", title: "Dotation \(dotation.reference)", context: context,
                                          content: DotationDetailView(dotation, base: SiteURL.adminDotations.path, notice: notice,
                                                                      canMarkPaid: true, csrf: context.csrfToken)))
    }

    @Sendable func invoice(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        guard let id = context.parameters.get("id", as: UUID.self),
              let invoice = try await invoices.invoice(actor: actor, dotationID: id) else { throw HTTPError(.notFound) }
        return .pdf(invoice.pdf, filename: "facture-\(invoice.reference).pdf")
    }

    @Sendable func markPaid(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        guard let id = context.parameters.get("id", as: UUID.self), try await dotations.find(actor: actor, id: id) != nil else {
            throw HTTPError(.notFound)
        }
        _ = try await dotations.markPaid(actor: actor, id: id)
        return .seeOther(.adminDotation(id).notice("payee"))
    }

    /// What cancelling the dotation does, before anything changes (its form posts the cancellation).
    @Sendable func confirmCancel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        guard let id = context.parameters.get("id", as: UUID.self), let dotation = try await dotations.find(actor: actor, id: id) else {
            throw HTTPError(.notFound)
        }
        let view = DotationDetailView(dotation, base: SiteURL.adminDotations.path, notice: nil, canMarkPaid: true, csrf: context.csrfToken)
        // Nothing left to cancel: back to the dotation, which says where it stands.
        guard view.canCancel else { return .seeOther(SiteURL(path: "\(view.base)/\(view.id)")) }
        return try HTML(body: renderer.render("dotation-cancel", title: "Annuler la dotation \(dotation.reference)", context: context,
                                              content: view)).response(from: request, context: context)
    }

    @Sendable func cancel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        guard let id = context.parameters.get("id", as: UUID.self), try await dotations.find(actor: actor, id: id) != nil else {
            throw HTTPError(.notFound)
        }
        _ = try await dotations.cancel(actor: actor, id: id)
        return .seeOther(.adminDotation(id).notice("annulee"))
    }
}

extension Response {
    /// A PDF download, never cached by a shared cache.
    static func pdf(_ bytes: [UInt8], filename: String) -> Response {
        Response(status: .ok, headers: [
            .contentType: "application/pdf",
            .contentDisposition: ContentDisposition.attachment(filename: filename),
            .cacheControl: "private, no-store",
        ], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
