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

    @Sendable func stores(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let query = String((request.formQuery.get("q") ?? "").prefix(80))
        let result = query.isEmpty ? nil : try await directory.search(query)
        return HTML(body: renderer.render("stores", title: "Où dépenser ma e-Carte", context: context,
                                          content: StoreSearchView(query: query, result: result)))
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

struct StoreSearchView {
    struct Row {
        let brand, name, address, city, distance, hours: String
        let hasHours: Bool
        let selfCheckout: String
    }

    let query: String
    let searched: Bool
    let place: String?
    let rows: [Row]
    let isEmpty: Bool

    init(query: String, result: StoreDirectory.Result?) {
        self.query = query
        searched = result != nil
        place = result?.place
        rows = (result?.stores ?? []).map { store, kilometres in
            Row(brand: store.brand, name: store.name, address: store.address, city: "\(store.postcode) \(store.city)",
                distance: kilometres < 1 ? "\(Int((kilometres * 1_000).rounded())) m" : String(format: "%.1f km", kilometres).replacingOccurrences(of: ".", with: ","),
                hours: store.openingHours, hasHours: !store.openingHours.isEmpty,
                selfCheckout: store.selfCheckout ? "Oui" : "Non")
        }
        isEmpty = rows.isEmpty
    }
}
