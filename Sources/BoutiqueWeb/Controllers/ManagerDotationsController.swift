import BoutiqueCore
import BoutiqueShop
import Foundation
import Hummingbird

/// `/gestion/dotations`: a manager gives cards for an URSSAF event. Form → preview against the
/// ceiling (a warning per employee who would pass it, a box to tick to go on) → confirmation,
/// which produces the CSE's invoice; the cards follow the operator's recording of the transfer.
struct ManagerDotationsController {
    let dotations: Dotations
    let invoices: DotationInvoices
    let employees: EmployeeDirectory
    let renderer: PageRenderer

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/gestion/dotations", use: list)
        router.get("/gestion/dotations/nouvelle", use: new)
        router.post("/gestion/dotations/apercu", use: preview)
        router.post("/gestion/dotations", use: create)
        router.get("/gestion/dotations/:id", use: detail)
        router.get("/gestion/dotations/:id/facture", use: invoice)
        router.get("/gestion/dotations/:id/avoir", use: creditNote)
        router.get("/gestion/dotations/:id/annuler", use: confirmCancel)
        router.post("/gestion/dotations/:id/annuler", use: cancel)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let actor = try AuthGuard.actor(context)
        let rows = try await dotations.list(actor: actor).map { DotationRow($0, base: SiteURL.managerDotations.path) }
        return HTML(body: renderer.render("dotations", title: "Dotations", context: context,
                                          content: DotationListView(rows: rows, isEmpty: rows.isEmpty, isManager: true, csrf: context.csrfToken)))
    }

    @Sendable func new(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let actor = try AuthGuard.actor(context)
        return try await form(context, actor: actor, form: DotationForm(who: "selected"), errors: FormErrors())
    }

    @Sendable func preview(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        let posted = try await Self.form(request, context: context)
        do {
            let draft = try await dotations.draft(actor: actor, form: posted)
            let preview = try await dotations.preview(actor: actor, draft: draft)
            return try previewPage(context, preview: preview, error: nil).response(from: request, context: context)
        } catch let errors as FormErrors {
            return try await form(context, actor: actor, form: posted, errors: errors, status: .unprocessableContent)
                .response(from: request, context: context)
        }
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try AuthGuard.user(context)
        let actor = user.actor(from: context.remoteAddress)
        let posted = try await FormBody.decode(DotationForm.self, from: request, context: context)
        do {
            let draft = try await dotations.draft(actor: actor, form: posted)
            do {
                let dotation = try await dotations.create(actor: actor, draft: draft, acceptsOverCeiling: posted.acceptsOverCeiling,
                                                          createdBy: user.email)
                try await invoices.send(actor: actor, dotationID: dotation.id, managerEmail: user.email)
                return .seeOther(.managerDotation(dotation.id).notice("creee"))
            } catch let errors as FormErrors where errors["ceiling"] != nil {
                let preview = try await dotations.preview(actor: actor, draft: draft)
                return try previewPage(context, preview: preview, error: errors["ceiling"], status: .unprocessableContent)
                    .response(from: request, context: context)
            }
        } catch let errors as FormErrors {
            return try await form(context, actor: actor, form: posted, errors: errors, status: .unprocessableContent)
                .response(from: request, context: context)
        }
    }

    @Sendable func detail(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let actor = try AuthGuard.actor(context)
        guard let id = context.parameters.get("id", as: UUID.self), let dotation = try await dotations.find(actor: actor, id: id) else {
            throw HTTPError(.notFound)
        }
        let notice = request.formQuery.get("ok").flatMap {
            ["creee": "La dotation est confirmée. Réglez la facture par virement : les e-Cartes seront émises à réception du paiement.",
             "annulee": "La dotation est annulée."][$0]
        }
        return HTML(body: renderer.render("dotation", title: "Dotation \(dotation.reference)", context: context,
                                          content: DotationDetailView(dotation, base: SiteURL.managerDotations.path, notice: notice,
                                                                      canMarkPaid: false, csrf: context.csrfToken)
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

    /// What cancelling the dotation does, before anything changes (its form posts the cancellation).
    @Sendable func confirmCancel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        guard let id = context.parameters.get("id", as: UUID.self), let dotation = try await dotations.find(actor: actor, id: id) else {
            throw HTTPError(.notFound)
        }
        let view = DotationDetailView(dotation, base: SiteURL.managerDotations.path, notice: nil, canMarkPaid: false, csrf: context.csrfToken)
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
        return .seeOther(.managerDotation(id).notice("annulee"))
    }

    /// The form as URL-encoded fields, or as multipart when a CSV file (`e-mail;montant`) is attached.
    static func form(_ request: Request, context: AppRequestContext) async throws -> DotationForm {
        guard let boundary = MultipartForm.boundary(of: request.headers[.contentType]) else {
            return try await FormBody.decode(DotationForm.self, from: request, context: context)
        }
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        guard let parts = MultipartForm(body: body, boundary: boundary) else { throw HTTPError(.badRequest) }
        func text(_ name: String) -> String? { parts.field(name)?.text }
        let file = parts.field("file").flatMap { $0.bytes.isEmpty ? nil : ManagerImportController.decode($0.bytes) }
        return DotationForm(event: text("event"), date: text("date"), activation: text("activation"), amount: text("amount"),
                            who: file == nil ? text("who") : "csv", employees: parts.parts.filter { $0.name == "employees[]" }.map(\.text),
                            csv: file ?? text("csv"))
    }

    private func form(_ context: AppRequestContext, actor: AccountActor, form: DotationForm, errors: FormErrors,
                      status: HTTPResponse.Status = .ok) async throws -> HTML {
        let ticked = Set(form.employees ?? [])
        let people = try await employees.active(actor: actor).map {
            DotationFormView.Employee(id: $0.id.uuidString, name: $0.displayName, email: $0.email,
                                      checked: ticked.contains($0.id.uuidString))
        }
        let values = ["date": form.date, "activation": form.activation, "amount": form.amount, "csv": form.csv].compactMapValues { $0 }
        // The typed event's year once there is one; until then the current year.
        let year = CalendarDate(iso: FieldRules.clean(form.date))?.year ?? FrenchCalendar.today(Date()).year
        let view = FormPage(context: context, values: values, errors: errors,
                            page: DotationFormView(form: form, employees: people, ceiling: dotations.ceilingBasis(year: year)))
        return HTML(body: renderer.render("dotation-form", title: "Nouvelle dotation", context: context, content: view), status: status)
    }

    private func previewPage(_ context: AppRequestContext, preview: DotationPreview, error: String?,
                             status: HTTPResponse.Status = .ok) throws -> HTML {
        HTML(body: renderer.render("dotation-preview", title: "Vérifiez la dotation", context: context,
                                   content: DotationPreviewView(preview, error: error, csrf: context.csrfToken)), status: status)
    }
}
