import BoutiqueShop
import Hummingbird

/// A page with a form: the CSRF token, what the user typed (never a password), the French
/// message of each wrong field, and page-specific data in `page`.
struct FormPage<Page> {
    let csrf: String
    let values: [String: String]
    let errors: [String: String]
    let hasErrors: Bool
    let formError: String?
    let notice: String?
    let page: Page

    init(context: AppRequestContext, values: [String: String] = [:], errors: FormErrors = FormErrors(),
         notice: String? = nil, page: Page) {
        csrf = context.csrfToken
        self.values = values
        self.errors = errors.messages
        hasErrors = !errors.isEmpty
        formError = errors["form"]
        self.notice = notice
        self.page = page
    }
}

/// An option of a `<select>`.
struct SelectOption {
    let value: String
    let label: String
    let selected: Bool
}

/// Decodes URL-encoded forms; an undecodable body is the client's mistake (400), never a 500.
enum FormBody {
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: AppRequestContext) async throws -> T {
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: String(buffer: body))
        } catch {
            throw HTTPError(.badRequest)
        }
    }
}

extension Response {
    /// 303 See Other: after a POST, the browser GETs the next page.
    static func seeOther(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
