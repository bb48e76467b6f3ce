import BoutiqueCore
import BoutiqueDocuments
import BoutiqueShop
import Foundation
import Hummingbird

/// "Gérez vos cartes": list, balance and movements, the PDF, the phone view, sending by e-mail.
/// Any id that is not one of the user's cards is a 404.
struct MyCardsController {
    let cards: MyCards
    let gifts: CardGifts
    let renderer: PageRenderer

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/compte/cartes", use: list)
        router.get("/compte/cartes/:id", use: detail)
        router.get("/compte/cartes/:id/e-carte.pdf", use: pdf)
        router.get("/compte/cartes/:id/telephone", use: phone)
        router.post("/compte/cartes/:id/envoyer", use: send)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let actor = try AuthGuard.actor(context)
        let filter = request.formQuery.get("filtre").flatMap(MyCards.Filter.init(rawValue:)) ?? .all
        let list = try await cards.list(actor: actor, filter: filter)
        return HTML(body: renderer.render("cards", title: "Gérez vos cartes", context: context, content: CardListView(list, filter: filter)))
    }

    @Sendable func detail(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let actor = try AuthGuard.actor(context)
        let notices = ["envoi": "Votre e-Carte sera envoyée à la date choisie.", "envoyee": "Votre e-Carte a été envoyée à l'adresse indiquée."]
        return try await detailPage(context, actor: actor, values: [:], errors: FormErrors(),
                                    notice: request.formQuery.get("ok").flatMap { notices[$0] })
    }

    @Sendable func pdf(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        guard let id = context.parameters.get("id", as: UUID.self), let pdf = try await cards.pdf(actor: actor, cardID: id) else {
            throw HTTPError(.notFound)
        }
        return Response(status: .ok, headers: [.contentType: "application/pdf", .cacheControl: "private, no-store",
                                               .contentDisposition: ContentDisposition.attachment(filename: "e-Carte.pdf")],
                         body: .init(byteBuffer: ByteBuffer(bytes: pdf)))
    }

    /// Full-width barcode for the till; the PIN hides behind a tap (`<details>`, no script), and
    /// the page needs nothing from the network once loaded.
    @Sendable func phone(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let actor = try AuthGuard.actor(context)
        guard let id = context.parameters.get("id", as: UUID.self), let (card, _) = try await cards.detail(actor: actor, cardID: id),
              let (number, pin) = try await cards.secrets(actor: actor, cardID: id) else { throw HTTPError(.notFound) }
        let barcode = (try? Code128(number.digits).svg(moduleWidth: 2, height: 120)) ?? ""
        let view = PhoneCardView(card: card, grouped: number.grouped, pin: pin.digits, barcodeSVG: barcode)
        return HTML(body: renderer.render("card-phone", title: "Ma e-Carte", context: context, content: view))
    }

    @Sendable func send(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        guard let id = context.parameters.get("id", as: UUID.self) else { throw HTTPError(.notFound) }
        let form = try await FormBody.decode(CardGifts.Form.self, from: request, context: context)
        do {
            guard try await gifts.send(actor: actor, cardID: id, form: form) else { throw HTTPError(.notFound) }
        } catch let errors as FormErrors {
            let values = ["email": form.email, "name": form.name, "message": form.message, "date": form.date].compactMapValues { $0 }
            return try await detailPage(context, actor: actor, values: values, errors: errors, notice: nil, status: .unprocessableContent)
                .response(from: request, context: context)
        }
        // Without a date, or with today's, it goes at once: say it went, not that it will.
        let later = AccountingExport.day((form.date ?? "").trimmingCharacters(in: .whitespaces)).map { $0 > FrenchCalendar.today(Date()) } ?? false
        return .seeOther(.card(id).notice(later ? "envoi" : "envoyee"))
    }

    private func detailPage(_ context: AppRequestContext, actor: AccountActor, values: [String: String], errors: FormErrors,
                            notice: String?, status: HTTPResponse.Status = .ok) async throws -> HTML {
        guard let id = context.parameters.get("id", as: UUID.self), let (card, movements) = try await cards.detail(actor: actor, cardID: id) else {
            throw HTTPError(.notFound)
        }
        let page = FormPage(context: context, values: values, errors: errors, notice: notice, page: CardDetailView(card, movements: movements))
        return HTML(body: renderer.render("card", title: "Consulter le solde", context: context, content: page), status: status)
    }
}
