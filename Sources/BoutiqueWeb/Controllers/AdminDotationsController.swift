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
        router.get("/admin/dotations/:id/avoir", use: creditNote)
        router.get("/admin/dotations/:id/virement", use: transferPage)
        router.post("/admin/dotations/:id/virement", use: recordTransfer)
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
        let notice = request.formQuery.get("ok").flatMap {
            ["payee": "Le paiement est enregistré : les e-Cartes vont être émises.", "annulee": "La dotation est annulée.",
             "partiel": "Virement partiel enregistré : la dotation attend le complément.",
             "trop-percu": "Le paiement est enregistré et les e-Cartes vont être émises. Le CSE a versé plus que le montant facturé : "
                 + "le trop-perçu est indiqué au journal, à lui rembourser.",
             "deja": "Cette dotation n'attend plus de virement : rien n'a été enregistré."][$0]
        }
        return HTML(body: renderer.render("dotation", title: "Dotation \(dotation.reference)", context: context,
                                          content: DotationDetailView(dotation, base: SiteURL.adminDotations.path, notice: notice,
                                                                      canMarkPaid: true, csrf: context.csrfToken)
                                            .receiving(try await dotations.received(actor: actor, id: id))
                                            .creditNote(try await invoices.creditNoteReference(dotationID: id))))
    }

    /// The credit note of a cancelled dotation.
    @Sendable func creditNote(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        guard let id = context.parameters.get("id", as: UUID.self),
              let note = try await invoices.creditNote(actor: actor, dotationID: id) else { throw HTTPError(.notFound) }
        return .pdf(note.pdf, filename: "avoir-\(note.reference).pdf")
    }

    @Sendable func invoice(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        guard let id = context.parameters.get("id", as: UUID.self),
              let invoice = try await invoices.invoice(actor: actor, dotationID: id) else { throw HTTPError(.notFound) }
        return .pdf(invoice.pdf, filename: "facture-\(invoice.reference).pdf")
    }

    /// « Virement reçu »: the amounts so far and the form, before anything is recorded.
    @Sendable func transferPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        guard let id = context.parameters.get("id", as: UUID.self), let state = try await dotations.transferState(actor: actor, id: id) else {
            throw HTTPError(.notFound)
        }
        guard state.dotation.status == .awaitingPayment else { return .seeOther(.adminDotation(id).notice("deja")) }
        return try transferHTML(state, values: nil, errors: [:], context: context).response(from: request, context: context)
    }

    @Sendable func recordTransfer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        guard let id = context.parameters.get("id", as: UUID.self), let state = try await dotations.transferState(actor: actor, id: id) else {
            throw HTTPError(.notFound)
        }
        let form = try await FormBody.decode(Dotations.TransferForm.self, from: request, context: context)
        do {
            switch try await dotations.recordTransfer(actor: actor, id: id, form: form) {
            case .paid(let excess): return .seeOther(.adminDotation(id).notice(excess.isZero ? "payee" : "trop-percu"))
            case .partial: return .seeOther(.adminDotation(id).notice("partiel"))
            case .notAwaiting: return .seeOther(.adminDotation(id).notice("deja"))
            case nil: throw HTTPError(.notFound)
            }
        } catch let errors as FormErrors {
            let values = ["amount": form.amount ?? "", "receivedOn": form.receivedOn ?? "", "reference": form.reference ?? ""]
            return try transferHTML(state, values: values, errors: errors.messages, status: .unprocessableContent, context: context)
                .response(from: request, context: context)
        }
    }

    private func transferHTML(_ state: Dotations.TransferState, values: [String: String]?, errors: [String: String],
                              status: HTTPResponse.Status = .ok, context: AppRequestContext) throws -> HTML {
        HTML(body: renderer.render("dotation-transfer", title: "Virement reçu — \(state.dotation.reference)", context: context,
                                   content: DotationTransferView(state, values: values, errors: errors, now: Date(), csrf: context.csrfToken)),
             status: status)
    }

    /// What cancelling the dotation does, before anything changes (its form posts the cancellation).
    @Sendable func confirmCancel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        guard let id = context.parameters.get("id", as: UUID.self), let dotation = try await dotations.find(actor: actor, id: id) else {
            throw HTTPError(.notFound)
        }
        let view = DotationDetailView(dotation, base: SiteURL.adminDotations.path, notice: nil, canMarkPaid: true, csrf: context.csrfToken)
            .receiving(try await dotations.received(actor: actor, id: id))
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
        _ = try await invoices.cancel(actor: actor, id: id)
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
