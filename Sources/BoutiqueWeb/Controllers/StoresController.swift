import BoutiqueShop
import Foundation
import Hummingbird

/// "Où dépenser ma e-Carte" and "Contactez-nous".
struct StoresController {
    let directory: StoreDirectory
    let contact: Contact
    let renderer: PageRenderer

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/magasins", use: stores)
        router.get("/contact", use: contactPage)
        router.post("/contact", use: send)
    }

    /// `?q=` a postcode, a city or a département; `?lat=&lon=` the browser's position
    /// (« Autour de moi », filled by `stores.js`); `?caisses=automatiques` the stores whose
    /// self-checkout tills take the e-card.
    @Sendable func stores(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let form = request.formQuery
        let query = String((form.get("q") ?? "").trimmingCharacters(in: .whitespaces).prefix(80))
        let selfCheckoutOnly = form.get("caisses") == StoreSearchView.selfCheckoutValue
        let latitude = form.get("lat").flatMap { Double($0) }, longitude = form.get("lon").flatMap { Double($0) }
        let result: StoreDirectory.Result?
        if !query.isEmpty {
            result = try await directory.search(query, selfCheckoutOnly: selfCheckoutOnly)
        } else if let latitude, let longitude {
            result = try await directory.nearest(latitude: latitude, longitude: longitude, selfCheckoutOnly: selfCheckoutOnly)
        } else {
            result = nil
        }
        return HTML(body: renderer.render("stores", title: "Où dépenser ma e-Carte", context: context,
                                          content: StoreSearchView(query: query, selfCheckoutOnly: selfCheckoutOnly, result: result)))
    }

    @Sendable func contactPage(_ request: Request, context: AppRequestContext) async throws -> HTML {
        contactForm(context, values: [:], errors: FormErrors(), notice: nil)
    }

    @Sendable func send(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let form = try await FormBody.decode(Contact.Form.self, from: request, context: context)
        do {
            try await contact.send(form, user: context.user, from: context.remoteAddress)
        } catch let error as FormErrors {
            let values = ["email": form.email, "subject": form.subject, "message": form.message, "order": form.order].compactMapValues { $0 }
            return contactForm(context, values: values, errors: error, notice: nil, status: .unprocessableContent)
        }
        return contactForm(context, values: [:], errors: FormErrors(),
                           notice: "Votre message a bien été envoyé. Nous vous répondrons par e-mail.")
    }

    private func contactForm(_ context: AppRequestContext, values: [String: String], errors: FormErrors, notice: String?,
                             status: HTTPResponse.Status = .ok) -> HTML {
        let page = FormPage(context: context, values: values, errors: errors, notice: notice,
                            page: ContactPage(isLoggedIn: context.user != nil, email: context.user?.email ?? ""))
        return HTML(body: renderer.render("contact", title: "Contactez-nous", context: context, content: page), status: status)
    }
}

struct ContactPage {
    let isLoggedIn: Bool
    let email: String
}
